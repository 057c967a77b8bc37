// A term of the proposal screen with its one-line Dutch explanation: a focusable info button whose
// tooltip opens on hover and on keyboard focus, and the explanations themselves. Runs in the renderer.
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';

export const TERM_HELP = {
  placed: 'Kandidaten die in dit voorstel een woning krijgen, van alle kandidaten die meedoen.',
  homeOrNetwork: 'Deel van de plaatsingen in de gemeente van herkomst of in een gemeente waar het netwerk woont.',
  neighbourhoodLoad: 'De drukste buurt: plaatsingen in de afgelopen periode plus dit voorstel, tegen het maximum per buurt.',
  possiblePairs: 'Paren van kandidaat en woning die aan alle harde regels voldoen (huur, kamers, doelgroep, te vermijden plekken); alleen daaruit wordt gekozen.',
  totalScore: 'De punten van alle voorgestelde paren samen, min de strafpunten. Het voorstel maakt dit getal zo hoog mogelijk.',
  penalties: 'Een zachte grens (zoals het maximum per buurt) mag over, maar elke overschrijding kost punten; dit zijn die strafpunten samen.',
  exchange: 'Per gemeente: hoeveel kandidaten zij meer opving dan zij naar andere gemeenten liet gaan (+) of minder (−), vóór en na dit voorstel.',
  band: 'Zover mag de balans van een gemeente afwijken (bijv. ±3: van −3 tot +3). Een getal buiten de band staat rood met een waarschuwing.',
  quota: 'De afspraak per corporatie en gemeente voor dit jaar: al gebruikt, erbij in dit voorstel, en het afgesproken aantal.',
  score: 'De punten van dit paar: plaatsing, herkomst of netwerk, wachttijd, urgentie en voorkeuren, min de buurtbelasting. Klik op de rij voor de opbouw.',
} as const;

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
