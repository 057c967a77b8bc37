// Uitstroomtafel: placeholder for the meeting round (prepare, propose, decide) until the matching
// screens exist. Runs in the renderer.
import { List, Text } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { ComingSoon } from '../../ui/coming-soon.component';

export function RoundPage() {
  return (
    <ComingSoon
      testId="round-page"
      title="Uitstroomtafel"
      lead="De ronde voorbereiden, voorstel doen, besluiten vastleggen"
      icon={<IconBuildingCommunity size={28} />}
    >
      <Text size="sm">Hier komt de ronde van de uitstroomtafel:</Text>
      <List size="sm" spacing={4}>
        <List.Item>kandidaten die woonrijp zijn en beschikbare woningen voor de ronde kiezen;</List.Item>
        <List.Item>een voorstel voor de hele ronde, met per koppeling een toelichting (“waarom dit voorstel”, “waarom niet”);</List.Item>
        <List.Item>aanpassen: vastzetten, uitsluiten of parkeren, steeds met een reden;</List.Item>
        <List.Item>besluiten van de corporaties vastleggen: akkoord, akkoord onder voorwaarden, afgewezen of cliënt weigert.</List.Item>
      </List>
      <Text size="sm" c="dimmed">
        De app doet een voorstel; mensen besluiten.
      </Text>
    </ComingSoon>
  );
}

