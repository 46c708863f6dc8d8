import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@stadtdialog/web/data-access';

@Component({
  selector: 'app-not-found-page',
  imports: [RouterLink, TranslatePipe],
  template: `<h1>{{ 'app.notFound' | t }}</h1>
    <p><a routerLink="/">{{ 'app.toStart' | t }}</a></p>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
