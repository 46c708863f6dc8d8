module.exports = {
  displayName: 'web-my-contributions',
  preset: '../../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/my-contributions',
  transform: {
    '^.+\\.(ts|mjs|js|html)$': [
      'jest-preset-angular',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        stringifyContentPathRegex: '\\.(html|svg)$',
      },
    ],
  },
  // OpenLayers, its helpers and Angular's locale data ship as ES modules only.
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|@angular/common/locales/|intl-messageformat/|@formatjs/|ol/|rbush/|quickselect/|earcut/|pbf/))'],
  snapshotSerializers: [
    'jest-preset-angular/build/serializers/no-ng-attributes',
    'jest-preset-angular/build/serializers/ng-snapshot',
    'jest-preset-angular/build/serializers/html-comment',
  ],
};
