/**
 * Charts as server-rendered inline SVG: no JavaScript, no inline styles (the CSP forbids them;
 * SVG presentation attributes are not styles). Each chart is an image with an accessible name and
 * description, followed by the same figures as a real table for anyone who cannot see the image.
 */
import type { ComponentChildren } from 'preact';
import { formatNumber } from './messages.ts';

export interface Datum {
  /** What the table's row header and the bar's label show. */
  label: string;
  /** A shorter label under a column, when the full one does not fit. */
  axisLabel?: string;
  value: number;
}

export interface ChartProps {
  /** Unique on the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  /** A sentence that says what the chart shows, read out as the image's description. */
  description: string;
  data: Datum[];
  labelHeading: string;
  valueHeading: string;
  /** The text of the control that shows the table. */
  tableToggle: string;
  lang: 'nl' | 'en';
}

const INK = '#1a1a1a';
const BAR = '#154273';
const GRID = '#8c8c8c';
const WIDTH = 640;


/** A readable step for about four ticks (1, 2 or 5 times a power of ten, at least 1) and the axis top. */
function valueAxis(max: number): { step: number; top: number } {
  const rough = Math.max(1, max / 4);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return { step, top: Math.max(step, Math.ceil(max / step) * step) };
}

function DataTable({ id, title, data, labelHeading, valueHeading, tableToggle, lang }: ChartProps) {
  return (
    <details class="chart-table">
      <summary>
        {tableToggle}
        <span class="visually-hidden">: {title}</span>
      </summary>
      <table id={`${id}-tabel`} class="utrecht-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            <th scope="col" class="number">{valueHeading}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr>
              <th scope="row">{d.label}</th>
              <td class="number">{formatNumber(d.value, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Frame({ props, height, children }: { props: ChartProps; height: number; children: ComponentChildren }) {
  const { id, title, description } = props;
  return (
    <div class="chart">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        role="img"
        aria-labelledby={`${id}-titel ${id}-omschrijving`}
        focusable="false"
      >
        <title id={`${id}-titel`}>{title}</title>
        <desc id={`${id}-omschrijving`}>{description}</desc>
        {children}
      </svg>
      <DataTable {...props} />
    </div>
  );
}

/** Horizontal bars, each with its label above it and its value after it: for a few named groups. */
export function BarChart(props: ChartProps) {
  const { data, lang } = props;
  const row = 46;
  const height = Math.max(1, data.length) * row + 8;
  const max = Math.max(1, ...data.map((d) => d.value));
  const room = WIDTH - 70;
  return (
    <Frame props={props} height={height}>
      {data.map((d, i) => {
        const y = i * row + 4;
        const width = Math.max(d.value > 0 ? 2 : 0, Math.round((d.value / max) * room));
        return (
          <g>
            <text x={0} y={y + 15} font-size="15" fill={INK}>
              {d.label}
            </text>
            <rect x={0} y={y + 22} width={width} height={16} fill={BAR} />
            <text x={width + 8} y={y + 35} font-size="15" font-weight="bold" fill={INK}>
              {formatNumber(d.value, lang)}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}

/** Columns over time with a value axis: for a series of months. */
export function ColumnChart(props: ChartProps) {
  const { data, lang } = props;
  const height = 280;
  const left = 48;
  const bottom = 40;
  const top = 12;
  const plotWidth = WIDTH - left - 8;
  const plotHeight = height - top - bottom;
  const { step, top: max } = valueAxis(Math.max(0, ...data.map((d) => d.value)));
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step);
  // A few months should not become a few slabs: columns are at most 40 wide.
  const slot = Math.min(plotWidth / Math.max(1, data.length), 56);
  const every = Math.max(1, Math.ceil(data.length / 8));
  const yOf = (v: number) => top + plotHeight - (v / max) * plotHeight;
  return (
    <Frame props={props} height={height}>
      {ticks.map((v) => (
        <g>
          <line x1={left} x2={WIDTH - 8} y1={yOf(v)} y2={yOf(v)} stroke={GRID} stroke-width="1" />
          <text x={left - 6} y={yOf(v) + 5} font-size="13" text-anchor="end" fill={INK}>
            {formatNumber(v, lang)}
          </text>
        </g>
      ))}
      {data.map((d, i) => {
        const x = left + i * slot;
        const barWidth = Math.max(1, Math.min(40, slot * 0.7));
        return (
          <g>
            <rect x={x + (slot - barWidth) / 2} y={yOf(d.value)} width={barWidth} height={top + plotHeight - yOf(d.value)} fill={BAR} />
            {i % every === 0 && (
              <text x={x + slot / 2} y={height - bottom + 18} font-size="12" text-anchor="middle" fill={INK}>
                {d.axisLabel ?? d.label}
              </text>
            )}
          </g>
        );
      })}
    </Frame>
  );
}
