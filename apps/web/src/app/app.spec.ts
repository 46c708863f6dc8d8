import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Component } from '@angular/core';
import { provideRouter, Router } from '@angular/router';
import { App } from './app';

@Component({ template: '<a href="/b">weiter</a>' })
class PageA {}
@Component({ template: '<p>Seite B</p>' })
class PageB {}

describe('App', () => {
  beforeEach(async () => {
    localStorage.clear();
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter([
          { path: 'a', component: PageA },
          { path: 'b', component: PageB },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    }).compileComponents();
  });

  function buttonNamed(element: HTMLElement, name: string): HTMLButtonElement {
    const button = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === name);
    if (!button) throw new Error(`no button ${name}`);
    return button;
  }

  it('shows the app name in German with a skip link to the content', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('header .app-name')?.textContent).toBe('Stadtdialog');
    expect(element.querySelector('.skip-link')?.textContent).toBe('Zum Inhalt springen');
    expect(element.querySelector('.skip-link')?.getAttribute('href')).toBe('#main');
    expect(document.documentElement.lang).toBe('de');
  });

  it('links the imprint, privacy policy, accessibility statement, rules and help in the footer', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const links = Array.from(element.querySelectorAll('footer nav a')).map((a) => [a.textContent?.trim(), a.getAttribute('href')]);
    expect(links).toEqual([
      ['Impressum', '/impressum'],
      ['Datenschutz', '/datenschutz'],
      ['Barrierefreiheit', '/barrierefreiheit'],
      ['Regeln für Beiträge', '/regeln'],
      ['Hilfe', '/hilfe'],
    ]);
    expect(element.querySelector('footer nav')?.getAttribute('aria-label')).toBe('Rechtliches und Hilfe');
  });

  it('switches the language with the header buttons', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(buttonNamed(element, 'Deutsch').getAttribute('aria-pressed')).toBe('true');

    buttonNamed(element, 'English').click();
    await fixture.whenStable();
    expect(element.querySelector('.skip-link')?.textContent).toBe('Skip to content');
    expect(buttonNamed(element, 'English').getAttribute('aria-pressed')).toBe('true');
    expect(buttonNamed(element, 'Deutsch').getAttribute('aria-pressed')).toBe('false');
    expect(document.documentElement.lang).toBe('en');
  });

  it('starts the next Tab in the new page after moving to another page, not after a filter change', async () => {
    const fixture = TestBed.createComponent(App);
    document.body.appendChild(fixture.nativeElement);
    const router = TestBed.inject(Router);
    const settle = async () => {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
    };
    await router.navigateByUrl('/a');
    await settle();
    expect(document.activeElement).toBe(document.body);

    await router.navigateByUrl('/b');
    await settle();
    expect(document.activeElement?.id).toBe('main');

    (document.activeElement as HTMLElement).blur();
    await router.navigateByUrl('/b?category=c1');
    await settle();
    expect(document.activeElement).toBe(document.body);
    fixture.nativeElement.remove();
  });
});
