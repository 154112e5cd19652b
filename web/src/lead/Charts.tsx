// chart.js on a canvas, registered with only the parts the dashboard uses.
import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);
Chart.defaults.font.family =
  "-apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', 'Segoe UI', sans-serif";
Chart.defaults.color = '#6b7785';
Chart.defaults.borderColor = '#e2e6ec';
Chart.defaults.animation = { ...Chart.defaults.animation, duration: 400 };

export const COLORS = {
  blue: '#1f6feb',
  green: '#1a7f37',
  orange: '#d97706',
  red: '#d1242f',
  purple: '#8250df',
  grey: '#8c959f',
  teal: '#0e8a8a',
};

// Draws `config`; a new config object redraws the chart.
export function ChartBox<T extends ChartType>({
  config,
  label,
  size,
}: {
  config: ChartConfiguration<T>;
  label: string;
  size?: 'short' | 'tall' | 'xtall';
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new Chart<T>(ref.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className={size ? `chart-box ${size}` : 'chart-box'}>
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
