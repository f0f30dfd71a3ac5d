import type { Metadata } from 'next';
import { RoomClient } from './RoomClient';

export const metadata: Metadata = {
  title: 'Seminarierum',
  robots: { index: false, follow: false },
  // The link's fragment carries the access token; never leak the page address to other sites.
  referrer: 'no-referrer',
};

/**
 * The seminar room. Everything it needs arrives in the URL fragment
 * (/room#url=<LiveKit URL>&token=<access token>&name=<seminar title>), which browsers never send
 * to a server; see lib/room.ts. This page is the only one that needs JavaScript.
 */
export default function RoomPage() {
  return (
    <>
      <RoomClient />
      <noscript>
        <div className="room__message room__message--error">
          <p>
            Seminarierummet behöver JavaScript för att visa bild och ljud. Slå på JavaScript i
            webbläsaren, eller öppna seminariet i Wisdom-appen.
          </p>
        </div>
      </noscript>
    </>
  );
}
