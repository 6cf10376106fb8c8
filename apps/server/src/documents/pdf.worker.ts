import { parentPort, workerData } from 'node:worker_threads';
import { inspectPdf } from './pdf.ts';

// Runs one upload check off the main thread; see inspectPdfIsolated.
const { path, size } = workerData as { path: string; size: number };
parentPort!.postMessage(await inspectPdf(path, size));
