import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebMap } from './web-map';

describe('WebMap', () => {
  let component: WebMap;
  let fixture: ComponentFixture<WebMap>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebMap],
    }).compileComponents();

    fixture = TestBed.createComponent(WebMap);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
