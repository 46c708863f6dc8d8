import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, viewChild } from '@angular/core';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MessageKey, SiteInfoStore, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { SITE_PAGE_PATHS } from '@stadtdialog/shared/contract';
import { filter } from 'rxjs';
import { LanguageSwitch } from './language-switch';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, LanguageSwitch, TranslatePipe],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  // Created with the shell so that <html lang> follows the language from the first render.
  protected readonly translator = inject(Translator);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  protected readonly site = inject(SiteInfoStore);
  /** The pages a German public body must publish, and the rules and help, on every page. */
  protected readonly footerLinks: { path: string; label: MessageKey }[] = [
    { path: SITE_PAGE_PATHS.imprint, label: 'footer.imprint' },
    { path: SITE_PAGE_PATHS.privacy, label: 'footer.privacy' },
    { path: SITE_PAGE_PATHS.accessibility, label: 'footer.accessibility' },
    { path: SITE_PAGE_PATHS.rules, label: 'footer.rules' },
    { path: SITE_PAGE_PATHS.help, label: 'footer.help' },
  ];

  constructor() {
    void this.site.load();
    // After moving to another page the link that was used is gone and focus would fall back to the
    // top of the document: start the next Tab in the new page's content instead, unless the page
    // put the focus somewhere itself. Changes of the query alone (filters) keep the focus.
    let lastPath: string | null = null;
    const navigations = inject(Router)
      .events.pipe(filter((event): event is NavigationEnd => event instanceof NavigationEnd))
      .subscribe((event) => {
        const path = event.urlAfterRedirects.split(/[?#]/)[0];
        const moved = lastPath !== null && path !== lastPath;
        lastPath = path;
        if (!moved) return;
        setTimeout(() => {
          const active = document.activeElement;
          if (!active || active === document.body) this.main().nativeElement.focus({ preventScroll: false });
        });
      });
    inject(DestroyRef).onDestroy(() => navigations.unsubscribe());
  }
}
