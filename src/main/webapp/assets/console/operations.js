// The operations page: health, the vote pipeline, cluster members and a chart of ballots counted per second,
// refreshed every few seconds; and the tally rebuild.
import { api, el, showMessage } from '../common.js';
import { consoleHeader, confirmAction } from './shared.js';

const REFRESH_MS = 5000;
const message = document.getElementById('message');
const text = (id, value) => { document.getElementById(id).textContent = value; };

consoleHeader().catch(() => {});

function lagText(millis) {
  if (millis < 1000) return millis === 0 ? 'none waiting' : `${millis} ms`;
  return `${(millis / 1000).toFixed(1)} s`;
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
  svg.setAttribute('aria-label',
    `Ballots counted per second by this node over the last 10 minutes; peak ${max.toFixed(1)}, latest ${latest.perSecond.toFixed(1)}.`);
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
  label.textContent = `peak ${max.toFixed(1)}/s`;
  svg.append(label);
  document.getElementById('chart').replaceChildren(svg);
  document.getElementById('chart-table').replaceChildren(...series.map((point) => el('tr', {},
    el('td', {}, new Date(point.from).toLocaleTimeString()),
    el('td', { class: 'number' }, String(point.ballots)),
    el('td', { class: 'number' }, point.perSecond.toFixed(1)))));
}

async function refresh() {
  try {
    const ops = await api('/admin/operations');
    text('as-of', `As seen by ${ops.node} at ${new Date(ops.asOf).toLocaleTimeString()}; refreshed every 5 s.`);
    document.getElementById('health').replaceChildren(...Object.entries(ops.health).map(([part, status]) =>
      el('li', { class: status === 'UP' ? 'up' : 'down' }, `${part}: ${status === 'UP' ? 'up' : 'DOWN'}`)));
    document.getElementById('members').replaceChildren(...ops.members.map((member) =>
      el('li', {}, member, member === ops.node ? ' (this node)' : '')));
    text('queue-depth', ops.queueDepth < 0 ? 'broker unreachable' : String(ops.queueDepth));
    text('queue-consumers', ops.queueConsumers === null || ops.queueConsumers === undefined ? 'unknown' : String(ops.queueConsumers));
    text('aggregation-lag', lagText(ops.aggregationLagMillis));
    const lastMinute = ops.counted.slice(-6).reduce((sum, point) => sum + point.ballots, 0);
    text('last-minute', `${lastMinute} ballots`);
    chart(ops.counted);
    message.replaceChildren();
  } catch (problem) {
    showMessage(message, 'error', problem.status === 403 ? 'Only admins see the operations.' : problem.message);
  }
}

document.getElementById('rebuild').addEventListener('click', async () => {
  if (!(await confirmAction('Rebuild every poll\'s tallies from the counted ballots?', 'Rebuild'))) return;
  const result = document.getElementById('rebuild-result');
  try {
    const report = await api('/admin/tallies/rebuild', { method: 'POST' });
    showMessage(result, 'success', `Tallies rebuilt: ${report.polls} polls, ${report.ballots} ballots recounted.`);
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
