import jsQR from 'jsqr';

interface Detector { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> }
type DetectorClass = { new (o: { formats: string[] }): Detector; getSupportedFormats?: () => Promise<string[]> };

/**
 * A QR reader for video frames: the browser's BarcodeDetector where it reads QR codes, else jsQR (pure
 * JavaScript, nothing fetched). Returns the text of the first code found in the frame, or null.
 */
export async function createQrReader(): Promise<(video: HTMLVideoElement, canvas: HTMLCanvasElement) => Promise<string | null>> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  let detector: Detector | null = null;
  try {
    if (Native && (await Native.getSupportedFormats?.())?.includes('qr_code')) detector = new Native({ formats: ['qr_code'] });
  } catch {
    detector = null;
  }
  return async (video, canvas) => {
    if (!video.videoWidth) return null;
    if (detector) {
      try {
        const [found] = await detector.detect(video);
        if (found) return found.rawValue;
      } catch {
        // Fall through to jsQR for this frame.
      }
    }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(video, 0, 0);
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}
