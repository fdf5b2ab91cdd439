// The app's identity, in one place: electron-builder.yml and package.json must say the same
// (test/node/packaging.test.ts checks), and main uses it at run time.

/**
 * package.json's productName: the name staff see, the folder Electron keeps settings in (so
 * core/paths.ts must agree) and the keychain entry's service name. Renaming it loses both.
 */
export const PRODUCT_NAME = 'Dropbox Token Tray';

/** electron-builder's appId: the Windows AppUserModelID on the NSIS shortcut, the macOS bundle id. */
export const APP_ID = 'com.example.dropboxtokentray';

/**
 * package.json's desktopName: Electron's Wayland app_id / X11 WM_CLASS, and (with
 * linux.syncDesktopName) the installed /usr/share/applications file, so windows and
 * notifications belong to the launcher entry.
 */
export const LINUX_DESKTOP_NAME = 'dropbox-token-tray-app.desktop';
