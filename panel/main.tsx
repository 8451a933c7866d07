// Entry of the panel page: picks the target tab and the theme, then renders the app.

import { render } from "preact";
import { App } from "./App";
import { panelTarget, themeName } from "./target";

document.documentElement.dataset.theme = themeName();
render(<App target={panelTarget()} />, document.getElementById("app")!);
