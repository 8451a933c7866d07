// The DevTools panel's title (contract 7): DevTools shows it as the tab name, tests find the panel by it.

export const PANEL_TITLE = "CORS";
