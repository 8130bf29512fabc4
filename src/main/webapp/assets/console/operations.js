// The operations page: health, the vote pipeline, cluster members and a chart of ballots counted per second,
// refreshed every few seconds; and the tally rebuild.
import { api, el, showMessage, t, formatNumber } from '../common.js';
import { consoleHeader, confirmAction } from './shared.js';

const REFRESH_MS = 5000;
const message = document.getElementById('message');
const text = (id, value) => { document.getElementById(id).textContent = value; };

consoleHeader().catch(() => {});

const oneDecimal = (value) => formatNumber(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const formatClock = (instant) => new Date(instant).toLocaleTimeString(document.documentElement.lang);

function lagText(millis) {
  if (millis < 1000) return millis === 0 ? t('console.ops.none-waiting') : t('console.ops.millis', { count: millis });
  return t('console.ops.seconds', { seconds: formatNumber(millis / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
}

/** Bars of ballots per second as SVG; the table beside it carries the same numbers as text. */
function chart(series) {
  const width = 600;
  const height = 160;
  const max = Math.max(1, ...series.map((point) => point.perSecond));
  const barWidth = width / series.length;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height + 20}`);
  svg.setAttribute('role', 'img');
  const latest = series[series.length - 2] || series[0];
  svg.setAttribute('aria-label', t('console.ops.chart.label', { peak: oneDecimal(max), latest: oneDecimal(latest.perSecond) }));
  series.forEach((point, index) => {
    const barHeight = (point.perSecond / max) * height;
    const bar = document.createElementNS(svg.namespaceURI, 'rect');
    bar.setAttribute('x', String(index * barWidth + 1));
    bar.setAttribute('y', String(height - barHeight));
    bar.setAttribute('width', String(Math.max(1, barWidth - 2)));
    bar.setAttribute('height', String(barHeight));
    bar.setAttribute('class', 'chart-bar');
    svg.append(bar);
  });
  const label = document.createElementNS(svg.namespaceURI, 'text');
  label.setAttribute('x', '0');
  label.setAttribute('y', String(height + 16));
  label.setAttribute('class', 'chart-label');
  label.textContent = t('console.ops.chart.peak', { peak: oneDecimal(max) });
  svg.append(label);
  document.getElementById('chart').replaceChildren(svg);
  document.getElementById('chart-table').replaceChildren(...series.map((point) => el('tr', {},
    el('td', {}, formatClock(point.from)),
    el('td', { class: 'number' }, formatNumber(point.ballots)),
    el('td', { class: 'number' }, oneDecimal(point.perSecond)))));
}

async function refresh() {
  try {
    const ops = await api('/admin/operations');
    text('as-of', t('console.ops.as-of', { node: ops.node, time: formatClock(ops.asOf) }));
    document.getElementById('health').replaceChildren(...Object.entries(ops.health).map(([part, status]) =>
      el('li', { class: status === 'UP' ? 'up' : 'down' },
        t(status === 'UP' ? 'console.ops.health.up' : 'console.ops.health.down', { part }))));
    document.getElementById('members').replaceChildren(...ops.members.map((member) =>
      el('li', {}, member, member === ops.node ? t('console.ops.this-node') : '')));
    text('queue-depth', ops.queueDepth < 0 ? t('console.ops.broker-unreachable') : formatNumber(ops.queueDepth));
    text('queue-consumers', ops.queueConsumers === null || ops.queueConsumers === undefined
      ? t('console.ops.unknown') : formatNumber(ops.queueConsumers));
    text('aggregation-lag', lagText(ops.aggregationLagMillis));
    const lastMinute = ops.counted.slice(-6).reduce((sum, point) => sum + point.ballots, 0);
    text('last-minute', t('results.ballot-count', { count: lastMinute }));
    chart(ops.counted);
    message.replaceChildren();
  } catch (problem) {
    showMessage(message, 'error', problem.status === 403 ? t('console.ops.admins-only') : problem.message);
  }
}

document.getElementById('rebuild').addEventListener('click', async () => {
  if (!(await confirmAction(t('console.ops.rebuild.confirm'), t('console.ops.rebuild')))) return;
  const result = document.getElementById('rebuild-result');
  try {
    const report = await api('/admin/tallies/rebuild', { method: 'POST' });
    showMessage(result, 'success', t('console.ops.rebuilt', {
      polls: t('console.polls.count', { count: report.polls }), ballots: t('results.ballot-count', { count: report.ballots }),
    }));
  } catch (problem) {
    showMessage(result, 'error', problem.message);
  }
});

/** The next refresh is asked for once this one is answered, so slow answers never pile up. */
async function keepRefreshing() {
  await refresh();
  setTimeout(keepRefreshing, REFRESH_MS);
}
keepRefreshing();
