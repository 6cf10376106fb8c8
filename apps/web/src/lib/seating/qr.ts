import QRCode from 'qrcode';

/**
 * A QR image as a PNG data URL (the CSP allows img-src data:), drawn in the browser from the code: nothing
 * leaves the device. Error correction M: a printed invitation survives a fold or a smudge.
 */
export function qrDataUrl(text: string, width = 256): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width });
}
