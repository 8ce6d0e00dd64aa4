// A receiver's last 24 hours as a picture (docs/console.md): delivered and failed tries per hour as
// stacked bars, their p95 duration as a line, and the same figures as a summary and a table.
import uPlot from './vendor/uplot/uPlot.esm.js';
import {h, table} from './dom.js';

export const DELIVERY_STATS = 'deliveryStats(hours: 24, intervalMinutes: 60) { start succeeded failed p95DurationMs }';

const HOUR_SECONDS = 3600;
// The console's --good, --bad and --accent: a canvas cannot read CSS variables.
const COLORS = {delivered: '#1b7f4b', failed: '#b42318', p95: '#3b5bdb', axis: '#667085', grid: '#e3e6eb'};
const TRY_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000];
const HOUR_FORMAT = {hour: '2-digit', minute: '2-digit'};

export function deliveryChart(intervals) {
    const delivered = total(intervals, 'succeeded');
    const failed = total(intervals, 'failed');
    const plot = h('div', {class: 'delivery-chart', role: 'img',
        'aria-label': `Tries per hour over the last 24 hours: ${delivered} delivered, ${failed} failed`});
    drawWhenSized(plot, intervals);
    return h('section', {class: 'card', 'aria-labelledby': 'deliveries-heading'},
        h('h2', {id: 'deliveries-heading'}, 'Deliveries, last 24 hours'),
        summary(intervals, delivered, failed),
        plot,
        h('details', {class: 'chart-table'},
            h('summary', {}, 'Per hour, as a table'),
            table('Tries per hour', ['Hour', 'Delivered', 'Failed', 'p95 duration'],
                intervals.map(interval => [
                    h('time', {datetime: interval.start}, hourLabel(interval.start)),
                    String(interval.succeeded),
                    String(interval.failed),
                    interval.p95DurationMs == null ? '—' : `${interval.p95DurationMs} ms`,
                ]))));
}

function summary(intervals, delivered, failed) {
    const tries = delivered + failed;
    const slowest = Math.max(0, ...intervals.map(interval => interval.p95DurationMs ?? 0));
    const worst = intervals.reduce((most, interval) => interval.failed > (most?.failed ?? 0) ? interval : most, null);
    return h('p', {class: 'chart-summary', 'data-delivered': delivered, 'data-failed': failed},
        tries === 0 ? 'No tries in the last 24 hours.' : [
            h('span', {class: 'status-good'}, `${delivered} delivered`), ', ',
            h('span', {class: failed ? 'status-bad' : null}, `${failed} failed`),
            ` (${Math.round(100 * failed / tries)} % of ${tries} tries)`,
            worst ? `; most failures in the hour from ${hourLabel(worst.start)}` : '',
            `; p95 duration at most ${slowest} ms.`,
        ]);
}

/** uPlot needs a width: it draws once the section is laid out, and again when it is resized. */
function drawWhenSized(plot, intervals) {
    let chart = null;
    new ResizeObserver(entries => {
        const width = Math.floor(entries[0].contentRect.width);
        if (width === 0) {
            return;
        }
        const size = {width, height: width < 600 ? 220 : 260};
        if (chart) {
            chart.setSize(size);
        } else {
            chart = new uPlot(options(intervals, size), data(intervals), plot);
            plot.dataset.drawn = 'true';
        }
    }).observe(plot);
}

function data(intervals) {
    const starts = intervals.map(interval => Date.parse(interval.start) / 1000);
    // Stacked: the delivered bar is drawn to the height of all tries, the failed one over its foot.
    return [starts,
        intervals.map(interval => interval.succeeded + interval.failed),
        intervals.map(interval => interval.failed),
        intervals.map(interval => interval.p95DurationMs)];
}

function options(intervals, size) {
    const first = Date.parse(intervals[0].start) / 1000;
    const last = Date.parse(intervals[intervals.length - 1].start) / 1000;
    const bars = uPlot.paths.bars({size: [0.85, 40], align: 1});
    // Away from the bars the legend shows the whole day; over one, that hour.
    const count = (field) => (u, value, series, i) => String(i == null ? total(intervals, field) : intervals[i][field]);
    const slowest = Math.max(0, ...intervals.map(interval => interval.p95DurationMs ?? 0));
    const axis = {stroke: COLORS.axis, grid: {stroke: COLORS.grid, width: 1}, ticks: {stroke: COLORS.grid, width: 1}};
    return {
        ...size,
        scales: {
            x: {time: true, range: () => [first, last + HOUR_SECONDS]},
            tries: {range: (u, min, max) => [0, Math.max(4, Math.ceil(max * 1.1))]},
            ms: {range: (u, min, max) => [0, Math.max(10, Math.ceil((max ?? 0) * 1.15))]},
        },
        cursor: {points: {show: false}, drag: {x: false, y: false}},
        legend: {live: true},
        series: [
            {label: 'Hour', value: (u, value) => value == null ? 'all 24' : hourLabel(value * 1000)},
            {label: 'Delivered', scale: 'tries', paths: bars, points: {show: false}, stroke: COLORS.delivered,
                fill: COLORS.delivered, width: 0, value: count('succeeded')},
            {label: 'Failed', scale: 'tries', paths: bars, points: {show: false}, stroke: COLORS.failed,
                fill: COLORS.failed, width: 0, value: count('failed')},
            {label: 'p95 duration', scale: 'ms', stroke: COLORS.p95, width: 2, spanGaps: false,
                points: {show: true, size: 6, fill: COLORS.p95},
                value: (u, value, series, i) => i == null ? `at most ${slowest} ms` : value == null ? '—' : `${value} ms`},
        ],
        axes: [
            {...axis, label: 'Hour (local time)', labelSize: 24, space: 60,
                values: (u, splits) => splits.map(split => hourLabel(split * 1000))},
            {...axis, scale: 'tries', label: 'Tries', labelSize: 24, incrs: TRY_STEPS, size: 50},
            {...axis, scale: 'ms', side: 1, label: 'p95 (ms)', labelSize: 24, size: 60, grid: {show: false}},
        ],
    };
}

function total(intervals, field) {
    return intervals.reduce((sum, interval) => sum + interval[field], 0);
}

function hourLabel(instant) {
    return new Date(instant).toLocaleTimeString(undefined, HOUR_FORMAT);
}
