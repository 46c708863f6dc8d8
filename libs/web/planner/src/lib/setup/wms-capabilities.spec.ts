import { capabilitiesUrl, parseWmsLayers } from './wms-capabilities';

const CAPABILITIES = `<?xml version="1.0" encoding="UTF-8"?>
<WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms" xmlns:xlink="http://www.w3.org/1999/xlink">
  <Service><Name>WMS</Name><Title>Bebauungspläne</Title></Service>
  <Capability>
    <Request>
      <GetCapabilities><Format>text/xml</Format><DCPType><HTTP><Get><OnlineResource xlink:href="https://geo.example.org/wms"/></Get></HTTP></DCPType></GetCapabilities>
      <GetMap><Format>image/png</Format><DCPType><HTTP><Get><OnlineResource xlink:href="https://geo.example.org/wms"/></Get></HTTP></DCPType></GetMap>
    </Request>
    <Exception><Format>XML</Format></Exception>
    <Layer>
      <Title>Alle Pläne</Title>
      <CRS>EPSG:25832</CRS>
      <EX_GeographicBoundingBox>
        <westBoundLongitude>8.4</westBoundLongitude><eastBoundLongitude>10.4</eastBoundLongitude>
        <southBoundLatitude>53.3</southBoundLatitude><northBoundLatitude>53.8</northBoundLatitude>
      </EX_GeographicBoundingBox>
      <Layer queryable="1">
        <Name>bplan_festgestellt</Name>
        <Title>Festgestellte Bebauungspläne</Title>
      </Layer>
      <Layer>
        <Name>bplan_verfahren</Name>
        <Title>Pläne im Verfahren</Title>
        <EX_GeographicBoundingBox>
          <westBoundLongitude>9.9</westBoundLongitude><eastBoundLongitude>10.0</eastBoundLongitude>
          <southBoundLatitude>53.5</southBoundLatitude><northBoundLatitude>53.6</northBoundLatitude>
        </EX_GeographicBoundingBox>
        <Layer><Name>bplan_verfahren_grenzen</Name><Title>Grenzen</Title></Layer>
      </Layer>
    </Layer>
  </Capability>
</WMS_Capabilities>`;

describe('WMS capabilities', () => {
  it('lists the named layers with their titles, nesting and extents (inherited where not given)', () => {
    expect(parseWmsLayers(CAPABILITIES)).toEqual([
      { name: 'bplan_festgestellt', title: 'Festgestellte Bebauungspläne', extent: [8.4, 53.3, 10.4, 53.8], depth: 0 },
      { name: 'bplan_verfahren', title: 'Pläne im Verfahren', extent: [9.9, 53.5, 10, 53.6], depth: 0 },
      { name: 'bplan_verfahren_grenzen', title: 'Grenzen', extent: [9.9, 53.5, 10, 53.6], depth: 1 },
    ]);
  });

  it('refuses what is not a capabilities document', () => {
    expect(() => parseWmsLayers('<html><body>Login</body></html>')).toThrow('not a WMS capabilities document');
    expect(() => parseWmsLayers('not xml at all')).toThrow();
  });

  it('asks the service for its capabilities, keeping its own parameters', () => {
    expect(capabilitiesUrl('https://geo.example.org/wms')).toBe('https://geo.example.org/wms?SERVICE=WMS&REQUEST=GetCapabilities');
    expect(capabilitiesUrl(' https://geo.example.org/wms?map=plans&SERVICE=WMS&request=GetMap ')).toBe(
      'https://geo.example.org/wms?map=plans&SERVICE=WMS&REQUEST=GetCapabilities',
    );
    expect(capabilitiesUrl('https://geo.example.org/wms?')).toBe('https://geo.example.org/wms?SERVICE=WMS&REQUEST=GetCapabilities');
  });
});
