declare global {
  interface Window {
    /**
     * Exposed by the preload script (electron/preload/index.ts, HelssaBridge; the renderer may not
     * import it). Absent when the page is opened outside the app. The typed IPC contract replaces
     * this declaration later.
     */
    readonly helssa?: { readonly version: string };
  }
}

const persianDigits = '۰۱۲۳۴۵۶۷۸۹';

function toPersianDigits(text: string): string {
  return text.replace(/[0-9]/g, (digit) => persianDigits[Number(digit)] ?? digit);
}

/** Placeholder until the app's screens are built. */
export function App() {
  const version = window.helssa?.version;
  return (
    <main style={{ padding: '3rem', lineHeight: 1.8 }}>
      <h1>کلینیک هلسا</h1>
      <p>برنامهٔ کلینیک در حال آماده‌سازی است.</p>
      {version ? (
        <p>
          نسخهٔ <span dir="ltr">{toPersianDigits(version)}</span>
        </p>
      ) : null}
    </main>
  );
}
