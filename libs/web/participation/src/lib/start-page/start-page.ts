import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { ProcedureListStore, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { StateBadge } from '../state-badge/state-badge';

/** The start page: the public procedures, each linking to its page. */
@Component({
  selector: 'sd-start-page',
  imports: [RouterLink, StateBadge, TranslatePipe],
  templateUrl: './start-page.html',
  styleUrl: './start-page.css',
  providers: [ProcedureListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartPage {
  protected readonly store = inject(ProcedureListStore);
  private readonly translator = inject(Translator);
  private readonly title = inject(Title);

  constructor() {
    this.store.load();
    effect(() =>
      this.title.setTitle(`${this.translator.translate('start.title')} – ${this.translator.translate('app.name')}`),
    );
  }
}
