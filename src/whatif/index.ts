// What if the server sent…: the engine behind the editor that re-runs Chrome's verdict on an edited captured call.

export { captured, type EditedResponse, type WhatIfState } from "./state";
export { problemsOf, type EditProblem } from "./problems";
export { whatIf, type WhatIfVerdict } from "./verdict";
export {
  applySuggested,
  explainSmallestChange,
  smallestChange,
  type NoChangeReason,
  type SmallestChange,
  type SuggestedEdit,
} from "./suggest";
export { fixFromEdits, testCommands } from "./copy";
