import Link from 'next/link';
import type { Metadata } from 'next';
import { SiteFooter } from '@/components/SiteFooter';
import { SiteHeader } from '@/components/SiteHeader';

export const metadata: Metadata = { title: 'Sidan finns inte' };

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="innehall" className="not-found">
        <div className="container">
          <h1>Sidan finns inte</h1>
          <p>Adressen kan vara felstavad, eller så har sidan flyttats.</p>
          <p>
            <Link className="button" href="/">
              Till startsidan
            </Link>
          </p>
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
