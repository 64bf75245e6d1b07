// Keys under which the pictures keep their choices for the life of the window (use-session-state.ts),
// shared so the deal detail's "Open the evidence matrix" can preselect the deal and the tab.
export const pictureTabKey = 'pictures.tab';
export const matrixDealKey = 'pictures.matrix.deal';
export const networkFiltersKey = 'pictures.network.filters';
export const networkTablesKey = 'pictures.network.tables';
export const timelineScaleKey = 'pictures.timeline.scale';
