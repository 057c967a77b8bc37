// One ReportDoc on screen, as the PDF shows it: the header (title, subject, period in words, filters,
// privacy line), the small-number note, 'figures' sections as stat cards and 'table' sections as tables
// (numbers right-aligned, Dutch formats), with a chart where the section has a hint and count cells
// that click through where the screen allows it. Runs in the renderer.
import { Anchor, Badge, Box, Card, Group, List, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconEyeOff, IconInfoCircle, IconShieldLock } from '@tabler/icons-react';
import { useId } from 'react';
import type { Cell, ColumnType, FiguresSection, ReportColumn, ReportDoc, ReportRow, TableSection } from '../../../../shared/reports/report-doc';
import { formatMoment } from '../../../../shared/domain/moments';
import { formatFigure, formatPeriod, formatRowCell, hiddenLabel, isNumericType, thresholdOf } from '../../../../shared/reports/format-nl';
import { ReportChart } from './report-chart.component';

/** A figure to click through: a section, and the row and column of the cell (absent for a whole figure). */
export interface DrillTarget {
  section: string;
  rowKey?: string;
  columnKey?: string;
  /** What the figure is, in words, for the drawer's heading ("Almere, jan 2026 (Uitstroom per maand)"). */
  label: string;
  /** The figure as shown ("12", "< 5"). */
  value: string;
}

export interface ReportDocViewProps {
  doc: ReportDoc;
  /** When given, count cells of sections marked `drill` (and count figures) open the rows behind them. */
  onDrill?: ((target: DrillTarget) => void) | undefined;
  /** Draw table sections that carry a chart hint as a chart, with the table under it. */
  charts?: boolean;
  testId?: string;
}

const numeric = isNumericType;
const NUM_STYLE = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
const NOWRAP = { whiteSpace: 'nowrap' } as const;
/** A short text of one or two words (a code such as K-0003, a date and time): kept on one line, never broken at a hyphen. */
const oneWord = (cell: Cell | undefined) => typeof cell === 'string' && cell.length <= 16 && (cell.match(/\s/g)?.length ?? 0) <= 1;

export function ReportDocView({ doc, onDrill, charts = false, testId = 'report-doc' }: ReportDocViewProps) {
  const threshold = thresholdOf(doc);
  return (
    <Stack gap="md" data-testid={testId} data-report={doc.report}>
      <ReportHeader doc={doc} />
      {doc.sections.length >= CONTENTS_FROM && <Contents sections={doc.sections} />}
      {doc.sections.map((section) =>
        section.kind === 'figures' ? (
          <FiguresBlock key={section.key} section={section} threshold={threshold} onDrill={onDrill} />
        ) : (
          <TableBlock key={section.key} section={section} threshold={threshold} onDrill={section.drill ? onDrill : undefined} chart={charts} />
        ),
      )}
    </Stack>
  );
}

/** From this many sections on, a report opens with its contents (the monitor runs to some fifteen). */
const CONTENTS_FROM = 6;
const sectionId = (key: string) => `sectie-${key}`;

/** "Inhoud": one link per section that scrolls to it (buttons: the address's # belongs to the router). */
function Contents({ sections }: { sections: ReportDoc['sections'] }) {
  const go = (key: string) => {
    const target = document.getElementById(sectionId(key));
    target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    target?.querySelector<HTMLElement>('h4')?.focus({ preventScroll: true });
  };
  return (
    <Card withBorder radius="md" padding="md" component="nav" aria-label="Inhoud van het rapport" data-testid="report-contents">
      <Text fw={600} size="sm" mb={6}>
        Inhoud
      </Text>
      <Group gap="xs" wrap="wrap">
        {sections.map((s) => (
          <Anchor key={s.key} component="button" type="button" size="sm" onClick={() => go(s.key)} data-testid={`contents-${s.key}`}>
            {s.title}
          </Anchor>
        ))}
      </Group>
    </Card>
  );
}

/** "1 januari 2026 t/m 31 december 2026". */
export function periodInWords(period: ReportDoc['period']): string | null {
  return period ? formatPeriod(period) : null;
}

function ReportHeader({ doc }: { doc: ReportDoc }) {
  const period = periodInWords(doc.period);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="report-header">
      <Stack gap={6}>
        <Title order={3}>{doc.title}</Title>
        <Text fw={600}>{doc.subject}</Text>
        <Group gap="lg" wrap="wrap">
          {period && (
            <Text size="sm" data-testid="report-period">
              <Text span c="dimmed" size="sm">
                Periode:{' '}
              </Text>
              {period}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            Gemaakt op {formatMoment(doc.generatedAt)} door {doc.generatedBy}
          </Text>
        </Group>
        {doc.filters.length > 0 && (
          <Group gap={6} wrap="wrap" data-testid="report-filters">
            {doc.filters.map((f) => (
              <Badge key={f} variant="light" color="gray" size="md">
                {f}
              </Badge>
            ))}
          </Group>
        )}
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconShieldLock size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm" c="dimmed" data-testid="report-privacy">
            {doc.privacy}
          </Text>
        </Group>
        <SmallNumbersNote doc={doc} />
      </Stack>
    </Card>
  );
}

/** Once per page: how small numbers are shown, and for the chair that exports hide them. */
function SmallNumbersNote({ doc }: { doc: ReportDoc }) {
  const rule = doc.smallNumbers;
  if (!rule) return null;
  const label = hiddenLabel(rule.threshold);
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid="small-numbers-note" data-hidden={rule.hidden}>
      <IconEyeOff size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
      <Text size="sm" c="dimmed">
        {rule.hidden
          ? `Aantallen onder ${rule.threshold} zijn verborgen (${label}), zodat niemand aan een aantal te herkennen is.`
          : `U ziet de exacte aantallen. In exports en voor andere rollen zijn aantallen onder ${rule.threshold} verborgen (${label}).`}
      </Text>
    </Group>
  );
}

/** A cell as shown: Dutch format, or "< 5" when the small-number rule hid it. */
function cellText(row: ReportRow, column: ReportColumn, threshold: number): string {
  return formatRowCell(row, column, threshold);
}

function FiguresBlock({ section, threshold, onDrill }: { section: FiguresSection; threshold: number; onDrill?: ((t: DrillTarget) => void) | undefined }) {
  const headingId = useId();
  return (
    <Box component="section" id={sectionId(section.key)} aria-labelledby={headingId} data-testid={`section-${section.key}`} style={{ scrollMarginTop: 72 }}>
      <Title order={4} id={headingId} tabIndex={-1} mb="xs">
        {section.title}
      </Title>
      {section.note && (
        <Text size="sm" c="dimmed" mb="xs">
          {section.note}
        </Text>
      )}
      <SimpleGrid cols={{ base: 2, md: 3, lg: Math.min(Math.max(section.figures.length, 3), 6) }} spacing="sm">
        {section.figures.map((f) => {
          const value = formatFigure(f, threshold, { dates: 'long' });
          const drillable = onDrill && f.type === 'count' && (f.hidden || (typeof f.value === 'number' && f.value > 0));
          return (
            <Card key={f.key} withBorder radius="md" padding="md" data-testid={`figure-${f.key}`}>
              <Stack gap={2}>
                {drillable ? (
                  <Anchor
                    component="button"
                    type="button"
                    fz="xl"
                    fw={700}
                    ta="left"
                    style={NUM_STYLE}
                    aria-label={`${value} ${f.label.toLowerCase()}: toon de rijen`}
                    onClick={() => onDrill({ section: section.key, rowKey: f.key, label: f.label, value })}
                    data-testid={`figure-drill-${f.key}`}
                  >
                    {value}
                  </Anchor>
                ) : numeric(f.type) ? (
                  <Text fz="xl" fw={700} lh={1.3} style={NUM_STYLE}>
                    {value}
                  </Text>
                ) : (
                  // A date or a phrase ("27 november 2026 t/m 31 januari 2027"): smaller, and it may wrap.
                  <Text fz="md" fw={700} lh={1.35}>
                    {value}
                  </Text>
                )}
                <Text size="sm">{f.label}</Text>
                {f.hint && (
                  <Text size="xs" c="dimmed">
                    {f.hint}
                  </Text>
                )}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </Box>
  );
}

function TableBlock({
  section,
  threshold,
  onDrill,
  chart,
}: {
  section: TableSection;
  threshold: number;
  onDrill?: ((t: DrillTarget) => void) | undefined;
  chart: boolean;
}) {
  const headingId = useId();
  // Columns of long sentences keep a readable width; the table scrolls sideways instead of squeezing them.
  const wide = new Set(section.columns.filter((c) => !numeric(c.type) && section.rows.some((r) => String(r.cells[c.key] ?? '').length > 60)).map((c) => c.key));
  const labelColumn = section.columns.find((c) => c.key === section.chart?.x) ?? section.columns.find((c) => c.type === 'text');
  const rowLabel = (row: ReportRow) => (labelColumn ? cellText(row, labelColumn, threshold) : row.key);
  const hints = section.columns.filter((c) => c.hint);
  const drillCell = (row: ReportRow, column: ReportColumn): DrillTarget => ({
    section: section.key,
    rowKey: row.key,
    columnKey: column.key,
    label: `${column.key === labelColumn?.key ? '' : `${column.label}, `}${rowLabel(row)} (${section.title})`,
    value: cellText(row, column, threshold),
  });
  const columnsByKey = new Map(section.columns.map((c) => [c.key, c]));

  return (
    <Card withBorder radius="md" padding="lg" component="section" id={sectionId(section.key)} aria-labelledby={headingId} data-testid={`section-${section.key}`} style={{ scrollMarginTop: 72 }}>
      <Title order={4} id={headingId} tabIndex={-1}>
        {section.title}
      </Title>
      {section.note && (
        <Text size="sm" c="dimmed" mt={4}>
          {section.note}
        </Text>
      )}
      {chart && section.chart && section.rows.length > 0 && (
        <Box mt="md">
          <ReportChart
            section={section}
            hint={section.chart}
            onBarClick={
              onDrill
                ? (rowKey, columnKey) => {
                    const row = section.rows.find((r) => r.key === rowKey);
                    const column = columnsByKey.get(columnKey);
                    if (row && column) onDrill(drillCell(row, column));
                  }
                : undefined
            }
          />
        </Box>
      )}
      {section.rows.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm" data-testid={`section-${section.key}-empty`}>
          Geen gegevens in deze periode.
        </Text>
      ) : (
        <Box mt="md" style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={`Tabel: ${section.title}`}>
          <Table fz="sm" verticalSpacing={5} horizontalSpacing="sm" striped highlightOnHover withTableBorder data-testid={`table-${section.key}`}>
            <Table.Thead>
              <Table.Tr>
                {section.columns.map((c) => (
                  <Table.Th key={c.key} ta={numeric(c.type) ? 'right' : 'left'} style={{ whiteSpace: 'nowrap', minWidth: wide.has(c.key) ? 260 : undefined }}>
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {section.rows.map((row) => (
                <Table.Tr key={row.key} data-testid={`row-${section.key}-${row.key}`}>
                  {section.columns.map((c) => (
                    <Table.Td key={c.key} ta={numeric(c.type) ? 'right' : 'left'} style={numeric(c.type) ? NUM_STYLE : oneWord(row.cells[c.key]) ? NOWRAP : undefined} data-col={c.key}>
                      <CellContent row={row} column={c} threshold={threshold} onDrill={onDrill ? () => onDrill(drillCell(row, c)) : undefined} label={() => drillCell(row, c)} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      {hints.length > 0 && section.rows.length > 0 && (
        <List size="xs" c="dimmed" mt="xs" spacing={2} icon={<ThemeIcon size={14} variant="transparent" c="dimmed"><IconInfoCircle size={12} aria-hidden /></ThemeIcon>}>
          {hints.map((c) => (
            <List.Item key={c.key}>
              {c.label}: {c.hint}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

function CellContent({
  row,
  column,
  threshold,
  onDrill,
  label,
}: {
  row: ReportRow;
  column: ReportColumn;
  threshold: number;
  onDrill?: (() => void) | undefined;
  label: () => DrillTarget;
}) {
  const text = cellText(row, column, threshold);
  const value: Cell = row.cells[column.key] ?? null;
  const hidden = row.hidden?.includes(column.key) ?? false;
  const drillable = onDrill && column.type === 'count' && (hidden || (typeof value === 'number' && value > 0));
  if (!drillable) {
    return hidden ? (
      <Text span size="sm" c="dimmed" title="Verborgen: een klein aantal" data-hidden="true">
        {text}
      </Text>
    ) : (
      <>{text}</>
    );
  }
  const target = label();
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      style={NUM_STYLE}
      underline="always"
      aria-label={`${text} — ${target.label}: toon de rijen`}
      onClick={onDrill}
      data-testid={`drill-${row.key}-${column.key}`}
      data-hidden={hidden || undefined}
    >
      {text}
    </Anchor>
  );
}
