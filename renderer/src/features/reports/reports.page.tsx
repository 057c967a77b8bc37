// Rapportages: placeholder listing the reports that will come (per corporation, care provider,
// municipality and region). Runs in the renderer.
import { List, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { ComingSoon } from '../../ui/coming-soon.component';

export function ReportsPage() {
  return (
    <ComingSoon
      testId="reports-page"
      title="Rapportages"
      lead="Uitstroom, wachttijden en de verdeling over gemeenten en buurten"
      icon={<IconChartBar size={28} />}
    >
      <Text size="sm">Hier komen de rapportages voor de regio:</Text>
      <List size="sm" spacing={4}>
        <List.Item>uitstroom per gemeente en realisatie van de afspraken per corporatie;</List.Item>
        <List.Item>tijd van woonrijp tot sleuteloverdracht en de wachtlijst van woonrijpe kandidaten;</List.Item>
        <List.Item>de uitwisselingsbalans tussen gemeenten (herkomst en bestemming);</List.Item>
        <List.Item>buurtbelasting per buurt en complex;</List.Item>
        <List.Item>nazorg: duurzaam gehuisvest na 6, 12 en 24 maanden en komende omklapdata.</List.Item>
      </List>
      <Text size="sm" c="dimmed">
        Exports naar corporaties en zorgaanbieders worden gepseudonimiseerd.
      </Text>
    </ComingSoon>
  );
}
