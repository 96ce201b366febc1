// The value of the holdings over time, one line per asset, from the daemon's snapshots. uPlot
// draws to a canvas: a year of daily points for 20 assets is 7 300 points, drawn in milliseconds.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLOURS = ['#0f5132', '#0b5ed7', '#b02a37', '#6f42c1', '#fd7e14', '#198754', '#20c997', '#6610f2', '#d63384', '#664d03'];

export function ValueChart({ history }) {
  const ref = useRef(null);
  useEffect(() => {
    const el = ref.current;
    const times = history.days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const data = [times, ...history.series.map((s) => s.values.map((v) => (v === null ? null : Number(v))))];
    const opts = {
      width: Math.max(280, el.clientWidth),
      height: 320,
      title: `Value in ${history.quote}`,
      series: [
        {},
        ...history.series.map((s, i) => ({ label: s.asset, stroke: COLOURS[i % COLOURS.length], width: 1.5 })),
      ],
      axes: [{}, { size: 70 }],
    };
    const t0 = performance.now();
    const plot = new uPlot(opts, data, el);
    el.dataset.drawMs = String(Math.round(performance.now() - t0));
    const resize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 320 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [history]);
  return (
    <figure>
      <div ref={ref} class="chart" role="img" aria-label={`Value over time of ${history.series.map((s) => s.asset).join(', ')}`} />
      <figcaption>
        {history.days.length} days, {history.series.length} assets, valued in {history.quote} at each day's price.
      </figcaption>
    </figure>
  );
}
