// Drag and drop of a file anywhere on the panel page: the same way in as the Import button.

import { useEffect } from "preact/hooks";

const hasFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes("Files");

/** While `onFile` is given, a file dropped on the page goes to it (the first, when several are dropped). */
export function useFileDrop(onFile: ((file: File) => void) | undefined): void {
  useEffect(() => {
    if (!onFile) return;
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // Without this the browser would open the file in the tab instead of handing it over.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      onFile(file);
    };
    addEventListener("dragover", over);
    addEventListener("drop", drop);
    return () => {
      removeEventListener("dragover", over);
      removeEventListener("drop", drop);
    };
  }, [onFile]);
}
