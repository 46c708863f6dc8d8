import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { participantTokenInterceptor, writeRetryInterceptor } from '@stadtdialog/web/data-access';
import { appRoutes } from './app.routes';

/** Zoneless change detection is Angular 21's default; no zone.js is loaded. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideHttpClient(withFetch(), withInterceptors([participantTokenInterceptor, writeRetryInterceptor])),
  ],
};
