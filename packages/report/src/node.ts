/** @initlab/report/node — the report written to a directory, with PNGs drawn by resvg. Node only. */
export { writeReport, type WrittenReport } from './write.js';
export { writeFileAtomic } from './atomic.js';
export { svgToPng } from './png.js';
