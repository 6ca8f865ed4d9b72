// pdfjs-dist ships no types for its worker bundle; src/read/pdf.ts imports it only so that it has run.
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs";
