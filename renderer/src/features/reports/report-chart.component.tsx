// A report table section drawn as a chart from its hint (bar, stacked bar or line) with @mantine/charts,
// readable without colour: every series has its own pattern (bars) or dash (lines) in the chart and in
// the legend, and the values are written on the bars and points. The table stays beside it. Runs in the renderer.
import { BarChart, LineChart } from '@mantine/charts';
import { Box, Group, Text } from '@mantine/core';
import { useId, type ReactElement, type ReactNode } from 'react';
import type { LabelProps } from 'recharts';
import type { ChartHint, ColumnType, ReportColumn, ReportRow, TableSection } from '../../../../shared/reports/report-doc';
import { formatCell, isNumericType } from '../../../../shared/reports/format-nl';
import { categoryLabels } from './chart-labels';

const COLORS = ['teal.7', 'blue.7', 'orange.7', 'grape.7', 'cyan.8', 'red.7', 'indigo.7', 'lime.9', 'pink.7', 'yellow.8'];
/** Dash patterns of the lines, in series order (the first solid). */
const DASHES = ['0', '8 4', '2 3', '12 4 2 4', '4 4', '1 6', '16 6', '6 2 2 2'];

const cssColor = (mantine: string) => `var(--mantine-color-${mantine.replace('.', '-')})`;

/** The fill pattern of series i: a colour with its own white texture (solid, stripes, dots, grid …). */
function PatternDef({ id, index }: { id: string; index: number }) {
  const color = cssColor(COLORS[index % COLORS.length] ?? 'teal.7');
  const line = { stroke: 'rgba(255,255,255,0.75)', strokeWidth: 2 };
  const texture: ReactNode[] = [
    null,
    <path key="d" d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {...line} />,
    <circle key="c" cx="4" cy="4" r="1.6" fill="rgba(255,255,255,0.85)" />,
    <path key="h" d="M0,4 h8" {...line} />,
    <path key="x" d="M0,0 l8,8 M8,0 l-8,8" {...line} strokeWidth={1.4} />,
    <path key="v" d="M4,0 v8" {...line} />,
    <path key="r" d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" {...line} />,
    <path key="p" d="M0,4 h8 M4,0 v8" {...line} strokeWidth={1.2} />,
  ];
  return (
    <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" style={{ fill: color }} />
      {texture[index % texture.length]}
    </pattern>
  );
}

export interface ReportChartProps {
  section: TableSection;
  hint: ChartHint;
  /** Clicking a bar opens the rows behind it (row key, series column key). */
  onBarClick?: ((rowKey: string, columnKey: string) => void) | undefined;
}

export function ReportChart({ section, hint, onBarClick }: ReportChartProps) {
  const uid = `chart${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const columns = new Map(section.columns.map((c) => [c.key, c]));
  const xColumn = columns.get(hint.x);
  const series = hint.series.map((key) => columns.get(key)).filter((c): c is ReportColumn => c !== undefined && isNumericType(c.type));
  if (!xColumn || series.length === 0 || section.rows.length === 0) return null;
  const stacked = hint.type === 'stacked';
  const valueType = series[0]?.type ?? 'count';
  const wholeNumbers = series.every((c) => c.type === 'count' || c.type === 'int');
  const format = (v: number) => formatCell(v, valueType);
  const patternId = (i: number) => `${uid}-p${i}`;
  const labels = categoryLabels(section, xColumn);
  let anyHidden = false;
  const data = section.rows.map((row, i) => {
    const point: Record<string, string | number | null> = { __x: labels[i] ?? row.key };
    let total = 0;
    for (const s of series) {
      const v = row.cells[s.key];
      if (row.hidden?.includes(s.key)) anyHidden = true;
      const n = typeof v === 'number' ? v : null;
      // Stacked bars need a number in every segment; a hidden count draws as nothing.
      point[s.key] = stacked ? (n ?? 0) : n;
      total += n ?? 0;
    }
    point.__total = total;
    return point;
  });
  const chartSeries = series.map((s, i) => ({ name: s.key, label: s.label, color: COLORS[i % COLORS.length] ?? 'teal.7' }));
  const seriesIndex = new Map(series.map((s, i) => [s.key, i]));
  const label = `Grafiek: ${section.title}. ${series.map((s) => s.label).join(', ')} per ${xColumn.label.toLowerCase()}. De cijfers staan in de tabel onder de grafiek.`;
  // Many or long category names: bars lie down, so every name can be read on the axis.
  const longest = Math.max(...labels.map((l) => l.length));
  const horizontal = hint.type !== 'line' && (section.rows.length > 14 || section.rows.length * (longest * 7 + 12) > 900);
  const perRow = Math.max(longest > 34 ? 32 : 22, stacked ? 24 : series.length * 11 + 14);
  const height = horizontal ? section.rows.length * perRow + 60 : 280;
  const axisWidth = Math.min(280, longest * 7 + 16);

  // Nothing to draw (every value 0 or hidden): say so instead of an empty frame.
  if (data.every((d) => series.every((c) => !d[c.key]))) {
    return (
      <Text size="sm" c="dimmed" data-testid={`chart-${section.key}-empty`}>
        Geen grafiek: alle aantallen in deze tabel zijn 0{anyHidden ? ' of verborgen' : ''}.
      </Text>
    );
  }

  const click = (index: number, key: string) => {
    const row = section.rows[index];
    if (onBarClick && row) onBarClick(row.key, key);
  };

  const chart =
    hint.type === 'line' ? (
      <LineChart
        h={280}
        data={data}
        dataKey="__x"
        series={chartSeries.map((s, i) => ({ ...s, strokeDasharray: DASHES[i % DASHES.length] ?? '0' }))}
        valueFormatter={format}
        withPointLabels
        curveType="linear"
        accessibilityLayer={false}
        tooltipAnimationDuration={0}
        strokeWidth={2.5}
        gridAxis="y"
        withLegend={false}
        yAxisProps={{ allowDecimals: !wholeNumbers }}
      />
    ) : (
      <BarChart
        h={height}
        data={data}
        dataKey="__x"
        type={stacked ? 'stacked' : 'default'}
        orientation={horizontal ? 'vertical' : 'horizontal'}
        series={chartSeries}
        valueFormatter={format}
        accessibilityLayer={false}
        withLegend={false}
        maxBarWidth={horizontal ? 18 : 48}
        gridAxis={horizontal ? 'x' : 'y'}
        {...(horizontal
          ? { yAxisProps: { width: axisWidth, interval: 0 as const }, xAxisProps: { allowDecimals: !wholeNumbers } }
          : { yAxisProps: { allowDecimals: !wholeNumbers }, xAxisProps: { interval: 0 as const } })}
        barChartProps={{ margin: { top: 18, right: horizontal ? 48 : 8, left: 0, bottom: 0 } }}
        barProps={(s) => ({
          fill: `url(#${patternId(seriesIndex.get(s.name) ?? 0)})`,
          stroke: 'var(--mantine-color-white)',
          strokeOpacity: 1,
          strokeWidth: 1,
          ...(onBarClick ? { cursor: 'pointer', onClick: (_: unknown, index: number) => click(index, s.name) } : {}),
        })}
        withBarValueLabel
        valueLabelProps={(s) => ({
          // Stacked: the value in each segment that has room, and the total at the end of the stack.
          ...(stacked ? { position: 'center' as const } : {}),
          content: (props: LabelProps) =>
            barLabel(props, s.name, { stacked, horizontal }, s.name === chartSeries[chartSeries.length - 1]?.name, data, format),
        })}
      />
    );

  return (
    <Box data-testid={`chart-${section.key}`}>
      <svg width="0" height="0" aria-hidden="true" focusable="false" style={{ position: 'absolute' }}>
        <defs>
          {series.map((s, i) => (
            <PatternDef key={s.key} id={patternId(i)} index={i} />
          ))}
        </defs>
      </svg>
      <div role="img" aria-label={label}>
        {chart}
      </div>
      <Group gap="md" mt="xs" wrap="wrap" aria-hidden="true">
        {series.map((s, i) => (
          <Group key={s.key} gap={6} wrap="nowrap">
            <svg width={hint.type === 'line' ? 28 : 16} height="14" aria-hidden="true" focusable="false">
              {hint.type === 'line' ? (
                <line x1="0" y1="7" x2="28" y2="7" strokeWidth="2.5" strokeDasharray={DASHES[i % DASHES.length]} style={{ stroke: cssColor(COLORS[i % COLORS.length] ?? 'teal.7') }} />
              ) : (
                <rect width="16" height="14" rx="2" fill={`url(#${patternId(i)})`} />
              )}
            </svg>
            <Text size="xs">{s.label}</Text>
          </Group>
        ))}
      </Group>
      {anyHidden && (
        <Text size="xs" c="dimmed" mt={4}>
          Verborgen kleine aantallen staan niet in de grafiek; de tabel toont ze als “&lt; …”.
        </Text>
      )}
    </Box>
  );
}


/** A value label: beside a plain bar; inside a stacked segment when it fits, with the total at the end of the stack. */
function barLabel(
  props: LabelProps,
  seriesKey: string,
  layout: { stacked: boolean; horizontal: boolean },
  last: boolean,
  data: Record<string, string | number | null>[],
  format: (v: number) => string,
): ReactElement | null {
  // The bar's box: from the label's view box (recharts 3), else from its own x/y/width/height.
  const box = (props.viewBox && 'width' in props.viewBox ? props.viewBox : props) as { x?: unknown; y?: unknown; width?: unknown; height?: unknown };
  const x = Number(box.x ?? 0);
  const y = Number(box.y ?? 0);
  const width = Number(box.width ?? 0);
  const height = Number(box.height ?? 0);
  const index = typeof props.index === 'number' ? props.index : -1;
  // The segment's own value (a stacked label's value is where the segment ends, not its size).
  const own = data[index]?.[seriesKey];
  const value = typeof own === 'number' ? own : null;
  const halo = { paintOrder: 'stroke' as const, stroke: 'white', strokeWidth: 3, strokeLinejoin: 'round' as const };
  // Past the end of the bar: above it standing up, to its right lying down.
  const end = (text: string, key: string, bold = false) =>
    layout.horizontal ? (
      <text key={key} x={x + width + 5} y={y + height / 2 + 4} textAnchor="start" fontSize={11} fontWeight={bold ? 600 : 400} fill="#212529" style={halo}>
        {text}
      </text>
    ) : (
      <text key={key} x={x + width / 2} y={y - 6} textAnchor="middle" fontSize={11} fontWeight={bold ? 600 : 400} fill="#212529" style={halo}>
        {text}
      </text>
    );
  if (!layout.stacked) return value === null ? null : end(format(value), 'v');
  const parts: ReactElement[] = [];
  const room = layout.horizontal ? width >= 22 && height >= 12 : height >= 16 && width >= 18;
  if (value !== null && value > 0 && room) {
    parts.push(
      <text key="v" x={x + width / 2} y={y + height / 2 + 4} textAnchor="middle" fontSize={11} fill="#212529" style={halo}>
        {format(value)}
      </text>,
    );
  }
  const total = data[index]?.__total;
  if (last && typeof total === 'number' && total > 0) parts.push(end(format(total), 't', true));
  return parts.length ? <g>{parts}</g> : null;
}
