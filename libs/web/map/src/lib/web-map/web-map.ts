import { Component } from '@angular/core';

@Component({
  selector: 'sd-web-map',
  imports: [],
  templateUrl: './web-map.html',
  styleUrl: './web-map.css',
})
export class WebMap {}
