export * from './lib/geocoding.module';
export { PlacesService } from './lib/places.service';
