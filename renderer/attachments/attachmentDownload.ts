import { call } from '../app/api';
import { base64ToBytes, saveDownload } from '../directory/directoryUi';

/** Fetches an attachment's bytes (audited on the Node side) and offers them as the browser's own "save as". */
export async function downloadAttachment(id: string): Promise<void> {
  const file = await call('attachments.download', { id });
  saveDownload(file.fileName, base64ToBytes(file.contentBase64), file.mediaType);
}
