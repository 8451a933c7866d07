// A button that copies text and says so for a moment ("Copied").

import { useState } from "preact/hooks";
import { copyText } from "./clipboard";

export function CopyButton({
  label,
  text,
  class: cls = "tool text",
}: {
  label: string;
  text: () => string;
  class?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const onClick = async () => {
    setState((await copyText(text())) ? "copied" : "failed");
    setTimeout(() => setState("idle"), 1500);
  };
  return (
    <button type="button" class={cls} onClick={onClick} aria-live="polite">
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
    </button>
  );
}
