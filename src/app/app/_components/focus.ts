/**
 * Keyboard focus on the customer pages (/app, /login): every link, button and field reached with
 * the keyboard (:focus-visible) gets a 2 px blue outline set off from its edge — a 1 px border
 * change alone is too faint to follow. Put on the page's outermost element; it styles the
 * controls inside. A pointer click shows no ring (the browser's :focus-visible heuristics).
 */
export const FOCUS_RINGS =
  "[&_:is(a,button,input,select,textarea,summary,[tabindex]):focus-visible]:[outline:2px_solid_#1d4ed8] [&_:is(a,button,input,select,textarea,summary,[tabindex]):focus-visible]:[outline-offset:2px]";
