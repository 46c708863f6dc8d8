import { Component } from '@angular/core';

@Component({
  selector: 'sd-web-participation',
  imports: [],
  templateUrl: './web-participation.html',
  styleUrl: './web-participation.css',
})
export class WebParticipation {}
