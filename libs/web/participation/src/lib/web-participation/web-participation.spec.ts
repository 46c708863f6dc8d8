import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebParticipation } from './web-participation';

describe('WebParticipation', () => {
  let component: WebParticipation;
  let fixture: ComponentFixture<WebParticipation>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebParticipation],
    }).compileComponents();

    fixture = TestBed.createComponent(WebParticipation);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
