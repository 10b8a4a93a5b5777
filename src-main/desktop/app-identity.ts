/**
 * RecordKey's identity to the operating system, defined once. It must agree with
 * electron-builder.yml's appId and package.json's desktopName (a test checks both):
 * - Windows attributes notifications to the AppUserModelId, which the installer sets to appId;
 * - Linux desktops (and the GlobalShortcuts portal on Wayland) know the app by its .desktop
 *   file's name, which is also the window's app_id / WM_CLASS and the StartupWMClass.
 */
export const APP_ID = 'com.recordkey.desktop';
export const PRODUCT_NAME = 'RecordKey';
/** The installed .desktop file's base name: reverse-DNS, as the XDG portals require. */
export const DESKTOP_FILE_ID = APP_ID;
