// A plan's simulation over time: the holdings' value after each run against what was spent so far.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function SimulationChart({ result }) {
  const ref = useRef(null);
  useEffect(() => {
    const el = ref.current;
    const times = result.curve.map((p) => p.time_ms / 1000);
    const data = [times, result.curve.map((p) => Number(p.value)), result.curve.map((p) => Number(p.spent))];
    const opts = {
      width: Math.max(280, el.clientWidth),
      height: 280,
      title: `Simulated value in ${result.quote}`,
      series: [{}, { label: 'value', stroke: '#0f5132', width: 1.5 }, { label: 'spent', stroke: '#b02a37', width: 1 }],
      axes: [{}, { size: 70 }],
    };
    const plot = new uPlot(opts, data, el);
    const resize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 280 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [result]);
  return <div class="chart simulation" ref={ref} role="img" aria-label={`Simulated value in ${result.quote}`} />;
}
