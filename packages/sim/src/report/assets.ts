import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** uPlot's browser build and stylesheet, read from the installed package, to inline in the report. */
export interface ChartLibrary {
  readonly script: string;
  readonly style: string;
}

let library: ChartLibrary | undefined;

/** uPlot's IIFE build (a global `uPlot`) and its CSS, read once and kept. */
export function chartLibrary(): ChartLibrary {
  if (library === undefined) {
    const require = createRequire(import.meta.url);
    library = {
      script: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      style: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    };
  }
  return library;
}
