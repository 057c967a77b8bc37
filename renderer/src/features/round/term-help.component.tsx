// A term of the proposal screen with its one-line Dutch explanation: a focusable info button whose
// tooltip opens on hover and on keyboard focus, and the explanations themselves. Runs in the renderer.
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';

export const TERM_HELP = {
  placed: 'Kandidaten die in dit voorstel een woning krijgen, van alle kandidaten die meedoen.',
  homeOrNetwork: 'Deel van de plaatsingen in de gemeente van herkomst of in een gemeente waar het netwerk woont.',
  neighbourhoodLoad:
    'De drukste buurt na dit voorstel: het aantal plaatsingen daar (de afgelopen periode plus dit voorstel) en het maximum per buurt. “2 van max. 2” betekent: de buurt is vol.',
  possiblePairs: 'Paren van kandidaat en woning die aan alle harde regels voldoen (huur, kamers, doelgroep, te vermijden plekken); alleen daaruit wordt gekozen.',
  totalScore: 'De punten van alle voorgestelde paren samen, min de strafpunten. Het voorstel maakt dit getal zo hoog mogelijk.',
  penalties: 'Een zachte grens (zoals het maximum per buurt) mag over, maar elke overschrijding kost punten; dit zijn die strafpunten samen.',
  exchange: 'Per gemeente: hoeveel kandidaten zij meer opving dan zij naar andere gemeenten liet gaan (+) of minder (−), vóór en na dit voorstel.',
  band: 'Zover mag de balans van een gemeente afwijken (bijv. ±3: van −3 tot +3). Een getal buiten de band staat rood met een waarschuwing.',
  quota: 'De afspraak per corporatie en gemeente voor dit jaar: al gebruikt, erbij in dit voorstel, en het afgesproken aantal.',
  score: 'De punten van dit paar: plaatsing, herkomst of netwerk, wachttijd, urgentie en voorkeuren, min de buurtbelasting. Klik op de rij voor de opbouw.',
  deviation:
    'Een label “afwijking” staat bij een woning buiten de gemeente van herkomst, met de reden: netwerk (daar woont het netwerk), veiligheid (de eigen gemeente is te vermijden), eigen keuze (een voorkeursgemeente) of overig (geen van deze: de best passende woning ligt elders).',
  alternativesForClient:
    'Andere woningen die deze kandidaat had kunnen krijgen. Het getal is hun score min de score van dit voorstel: + is hoger, − is lager. Een hogere score kan toch naar een ander gaan als de ronde als geheel daarmee beter uitkomt.',
  alternativesForUnit: 'Andere kandidaten die deze woning hadden kunnen krijgen. Het getal is hun score min de score van dit voorstel: + is hoger, − is lager.',
} as const;

/** Why a pair lies outside the municipality of origin, per reason, in one sentence for "Waarom dit voorstel". */
export const DEVIATION_HELP: Record<string, string> = {
  network: 'In deze gemeente woont het netwerk van de kandidaat.',
  recovery: 'Voor het herstel is een andere gemeente beter.',
  safety: 'De eigen gemeente staat bij de te vermijden gebieden van de kandidaat.',
  'own-choice': 'De kandidaat heeft deze gemeente als voorkeur opgegeven.',
  other: 'Geen netwerk, voorkeur of veiligheid: de best passende woning voor deze kandidaat lag buiten de gemeente van herkomst.',
};

/** An info button after a term: "Uitleg: Band" for screen readers, the explanation on hover and focus. */
export function TermHelp({ term, help, testId }: { term: string; help: string; testId?: string }) {
  return (
    <Tooltip label={help} multiline w={320} withArrow events={{ hover: true, focus: true, touch: true }}>
      <ActionIcon variant="subtle" color="gray" size="xs" aria-label={`Uitleg: ${term}`} data-testid={testId} style={{ verticalAlign: 'middle' }}>
        <IconInfoCircle size={14} />
      </ActionIcon>
    </Tooltip>
  );
}
