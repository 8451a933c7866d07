// The Import button's and a dropped file's way in: a CORS Lens export or a HAR, told apart by name or first bytes.

import { HarFileError } from "../src/capture/har-file";
import { ImportError, importExport, type Imported } from "./import-export";
import { importHar, looksLikeHar } from "./import-har";

/** What the file pickers accept. */
export const IMPORT_ACCEPT = "application/json,.json,.har";

/** Throws ImportError with a message a user understands. */
export async function importFile(file: File): Promise<Imported> {
  if (await looksLikeHar(file)) {
    try {
      return await importHar(file);
    } catch (e) {
      if (e instanceof HarFileError)
        throw new ImportError(`${file.name} is not a HAR file that can be read: ${e.message}`);
      throw e;
    }
  }
  return importExport(await file.text());
}
