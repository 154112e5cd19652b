// chart.js on a canvas, with only the parts the training pages draw.
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export const PALETTE = ['#1f6feb', '#d97706', '#8250df', '#0e8a8a', '#d1242f', '#1a7f37'];

// Draws `config`; a new config object redraws the chart.
export function BarChart({ config, label }: { config: ChartConfiguration<'bar'>; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new Chart(ref.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="tr-chart">
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
