/** Present while set-up is under way: a folder holding it is a half-made installation (see Backend.isHalfMade). */
export const SETUP_MARKER_FILE = 'setup-incomplete';
