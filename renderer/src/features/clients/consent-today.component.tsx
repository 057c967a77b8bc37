// "Wat geldt vandaag": per party, whether the client's facts may be shared today and which record
// decides, by the one consent rule (shared/domain/consent.ts). Used on the client form and detail.
// Runs in the renderer.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { type ConsentRecord, consentOverview, partyLabel, verdictText } from '../../../../shared/domain/consent';
import { formatDate } from '../../ui/format.util';

/** Today's date in local time as YYYY-MM-DD (what "today" means at the table). */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function ConsentToday({ consents, name }: { consents: readonly ConsentRecord[]; name: (id: string) => string | undefined }) {
  const rows = consentOverview(consents, localToday());
  if (rows.length === 0) return null;
  return (
    <Stack gap={4} mt="sm" data-testid="consent-today">
      <Text size="sm" fw={600}>
        Wat geldt vandaag
      </Text>
      {rows.map((r) => (
        <Group key={`${r.party}|${r.partyId ?? ''}`} gap="xs" wrap="nowrap" data-testid={`consent-today-${r.party}-${r.partyId ?? 'alle'}`}>
          <Badge color={r.verdict.allowed ? 'green' : 'red'} variant="light" w={90} style={{ flexShrink: 0 }}>
            {r.verdict.allowed ? 'Delen' : 'Niet delen'}
          </Badge>
          <Text size="sm">
            {partyLabel(r.party, r.partyId, name)} — {verdictText(r.verdict, (d) => formatDate(d))}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
