// fontkit (pdfkit's own font parser) ships no types; we only create a font and hand it to pdfkit.
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    layout(text: string, features?: unknown): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
