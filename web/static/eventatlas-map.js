/*
 * Event Atlas map: fetches the events of the page's filters from /events.geojson (never inlined in
 * the page), draws them as circle markers coloured by event type (grouped where they would
 * overlap), with a legend and a Leaflet.TimeDimension slider, over Natural Earth country outlines
 * when no tiles are configured. It also fetches the assembled timeline (/timeline.json), so that a
 * popup says when other reports state the same happening, and which. Under the markers it draws
 * the region's provinces, rivers and border from /places.geojson, with a control to hide them.
 *
 * Every text from the data goes into the page through textContent, never as HTML, so quotes,
 * titles and place names show exactly as written, whatever characters they hold.
 */
(function () {
  "use strict";

  function element(tag, className, text, parent) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  function typeLabel(type) {
    var words = String(type).replace(/_/g, " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function colourOf(type, options) {
    return options.colours[type] || options.other_colour;
  }

  /* "Also reported by" the other sources of the timeline entry this event belongs to. */
  function otherSources(p, entry, root) {
    if (!entry || entry.sources.length < 2) {
      return;
    }
    var box = element("div", "ea-popup-reports", null, root);
    element("p", "ea-popup-report-count", "Reported by " + entry.sources.length + " sources; also:", box);
    var list = element("ul", null, null, box);
    entry.sources.forEach(function (source) {
      if (source.event_id === p.id) {
        return;
      }
      var item = element("li", null, null, list);
      var title = source.article_title || "Source article";
      if (/^https?:\/\//i.test(source.article_url || "")) {
        var link = element("a", null, title, item);
        link.href = source.article_url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      } else {
        element("span", null, title, item);
      }
      if (source.published) {
        item.appendChild(document.createTextNode(", " + source.published));
      }
    });
  }

  function popupContent(p, entry) {
    var root = element("div", "ea-popup");
    element("h3", "ea-popup-type", typeLabel(p.type), root);
    element("p", "ea-popup-when", p.when, root);
    if (p.places && p.places.length) {
      element("p", "ea-popup-places", p.places.map(function (place) { return place.name; }).join(", "), root);
    }
    if (p.count_label) {
      element("p", "ea-popup-count", p.count_label + " people", root);
    }
    if (p.amount) {
      element("p", "ea-popup-amount", p.amount, root);
    }
    element("blockquote", "ea-popup-quote", p.quote, root);
    var source = element("p", "ea-popup-source", null, root);
    var title = p.article_title || "Source article";
    if (/^https?:\/\//i.test(p.article_url || "")) {
      var link = element("a", null, title, source);
      link.href = p.article_url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    } else {
      element("span", null, title, source);
    }
    var about = [p.article_source, p.published ? "published " + p.published : ""].filter(Boolean).join(", ");
    if (about) {
      source.appendChild(document.createTextNode(" — " + about));
    }
    otherSources(p, entry, root);
    return root;
  }

  function monthStart(ms) {
    var d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }

  function nextMonth(ms) {
    var d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }

  /* Markers of events dated up to the end of the slider's month; undated and recurring events have
     no place on the time line and stay shown. */
  var EventTimeLayer = L.TimeDimension.Layer.extend({
    initialize: function (layer, entries, options) {
      L.TimeDimension.Layer.prototype.initialize.call(this, layer, options);
      this._entries = entries;
    },

    onAdd: function (map) {
      L.TimeDimension.Layer.prototype.onAdd.call(this, map);
      map.addLayer(this._baseLayer);
    },

    _update: function () {
      if (!this._map) {
        return;
      }
      var until = nextMonth(this._timeDimension.getCurrentTime());
      var group = this._baseLayer;
      this._entries.forEach(function (entry) {
        var shown = entry.start === null || entry.start < until;
        if (shown && !group.hasLayer(entry.marker)) {
          group.addLayer(entry.marker);
        } else if (!shown && group.hasLayer(entry.marker)) {
          group.removeLayer(entry.marker);
        }
      });
    }
  });

  var MonthControl = L.Control.TimeDimension.extend({
    _getDisplayDateFormat: function (date) {
      return "up to " + date.toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
    }
  });

  function months(entries) {
    var starts = entries.filter(function (e) { return e.start !== null; }).map(function (e) { return e.start; });
    if (!starts.length) {
      return [];
    }
    var last = monthStart(Math.max.apply(null, starts));
    var times = [];
    for (var t = monthStart(Math.min.apply(null, starts)); t <= last; t = nextMonth(t)) {
      times.push(t);
    }
    return times;
  }

  function addSlider(map, group, entries) {
    var times = months(entries);
    if (times.length < 2) {
      map.addLayer(group);
      return;
    }
    var timeDimension = L.timeDimension({ times: times, currentTime: times[times.length - 1] });
    new EventTimeLayer(group, entries, { timeDimension: timeDimension }).addTo(map);
    new MonthControl({
      timeDimension: timeDimension,
      position: "bottomleft",
      title: "Events dated up to the chosen month",
      speedSlider: false,
      timeZones: ["UTC"],
      playerOptions: { transitionTime: 800, loop: false }
    }).addTo(map);
  }

  function addLegend(map, counts, options) {
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = element("div", "ea-legend leaflet-bar");
      element("h4", null, "Event types", box);
      Object.keys(counts).sort().forEach(function (type) {
        var item = element("div", "ea-legend-item", null, box);
        var swatch = element("span", "ea-swatch", null, item);
        swatch.style.backgroundColor = colourOf(type, options);
        element("span", null, typeLabel(type) + " (" + counts[type] + ")", item);
      });
      return box;
    };
    legend.addTo(map);
  }

  function setStatus(text) {
    var status = document.getElementById("ea-status");
    if (status) {
      status.textContent = text;
    }
  }

  function addBasemap(map, url) {
    map.createPane("ea-basemap");
    map.getPane("ea-basemap").style.zIndex = 250;
    return fetch(url)
      .then(function (response) { return response.json(); })
      .then(function (topology) {
        L.geoJSON(topojson.feature(topology, topology.objects.countries), {
          pane: "ea-basemap",
          interactive: false,
          style: { color: "#8c8c8c", weight: 0.8, fillColor: "#f3efe6", fillOpacity: 1 }
        }).addTo(map);
      });
  }

  /* The region's places under the events: thin unfilled province outlines, rivers in blue, the
     border dashed on top of the river it follows, and the region ("Northeast China") as a faint
     tint that its provinces' outlines cover, so it takes no hover of its own. */
  var PLACE_STYLES = {
    region: { stroke: false, fill: true, fillColor: "#c9a227", fillOpacity: 0.08, interactive: false },
    province: { color: "#767676", weight: 0.8, opacity: 0.9, fill: true, fillOpacity: 0 },
    river: { color: "#4a98e0", weight: 4, opacity: 0.85, fill: false },
    border: { color: "#222", weight: 1.5, opacity: 0.9, dashArray: "5 6", fill: false }
  };
  var PLACES_LABEL =
    'Provinces, rivers <span class="ea-key ea-key-river"></span> and ' +
    'border <span class="ea-key ea-key-border"></span>';

  /* The class is part of the style, so a path that the layer control re-creates keeps it. */
  function placeStyle(feature) {
    var kind = PLACE_STYLES[feature.properties.kind] ? feature.properties.kind : "province";
    return L.extend({ className: "ea-place ea-place-" + kind }, PLACE_STYLES[kind]);
  }

  /* Each place names itself on hover, as text; a province hovered anywhere inside (its fill is
     transparent) shows its outline bolder, so the reader sees which area the name is. */
  function bindPlace(feature, layer) {
    if (feature.properties.kind === "region") {
      return;
    }
    layer.bindTooltip(element("span", null, feature.properties.name), {
      sticky: true,
      className: "ea-place-tooltip ea-place-tooltip-" + feature.properties.kind
    });
    if (feature.properties.kind === "province") {
      layer.on("mouseover", function () { layer.setStyle({ weight: 2, color: "#444" }); });
      layer.on("mouseout", function () { layer.setStyle(PLACE_STYLES.province); });
    }
  }

  /* A promise of the drawn layer, or of null when the overlay could not be had: the events do
     not need it. Its own pane sits above the country outlines and below the event markers. */
  function addPlaces(map, url) {
    map.createPane("ea-places");
    map.getPane("ea-places").style.zIndex = 350;
    return fetchJSON(url, "application/geo+json")
      .then(function (collection) {
        var layer = L.geoJSON(collection, { pane: "ea-places", style: placeStyle, onEachFeature: bindPlace })
          .addTo(map);
        var overlays = {};
        overlays[PLACES_LABEL] = layer;
        L.control.layers(null, overlays, { collapsed: false, position: "topleft" }).addTo(map);
        return layer;
      })
      .catch(function () { return null; });
  }

  /* A ring with one slice per event type of a group, in the legend's colours. */
  function typeRing(markers, options) {
    var counts = {};
    markers.forEach(function (marker) {
      counts[marker.options.eventType] = (counts[marker.options.eventType] || 0) + 1;
    });
    var stops = [];
    var done = 0;
    Object.keys(counts).sort().forEach(function (type) {
      var from = (100 * done) / markers.length;
      done += counts[type];
      var to = (100 * done) / markers.length;
      stops.push(colourOf(type, options) + " " + from + "% " + to + "%");
    });
    return "conic-gradient(" + stops.join(", ") + ")";
  }

  /* Events at one town share its point: markers that would hide each other are grouped into a
     numbered circle that opens (spiderfies) on click, so every event stays reachable. */
  function clusterGroup(options) {
    return L.markerClusterGroup({
      maxClusterRadius: options.cluster_radius,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: function (cluster) {
        var ring = element("div", "ea-cluster-ring");
        ring.style.background = typeRing(cluster.getAllChildMarkers(), options);
        element("span", "ea-cluster-count", String(cluster.getChildCount()), ring);
        return L.divIcon({ html: ring, className: "ea-cluster", iconSize: L.point(30, 30) });
      }
    });
  }

  /* Timeline entry of each event id; an empty map when the timeline could not be had. */
  function entriesByEvent(timeline) {
    var byEvent = {};
    ((timeline && timeline.entries) || []).forEach(function (entry) {
      entry.event_ids.forEach(function (id) { byEvent[id] = entry; });
    });
    return byEvent;
  }

  function showEvents(map, collection, timeline, options) {
    var entryOf = entriesByEvent(timeline);
    var group = clusterGroup(options);
    var entries = [];
    var counts = {};
    var unlocated = 0;
    collection.features.forEach(function (feature) {
      var p = feature.properties;
      counts[p.type] = (counts[p.type] || 0) + 1;
      if (!feature.geometry) {
        unlocated += 1;
        return;
      }
      var c = feature.geometry.coordinates;
      var marker = L.circleMarker([c[1], c[0]], {
        radius: 8,
        color: "#222",
        weight: 1,
        fillColor: colourOf(p.type, options),
        fillOpacity: 0.85,
        className: "ea-marker ea-marker-" + p.type,
        eventType: p.type
      });
      // The tooltip is bound first: a click opens it too, and the popup that opens next closes it.
      var where = p.places && p.places.length ? " · " + p.places[0].name : "";
      marker.bindTooltip(element("span", null, typeLabel(p.type) + " · " + p.when + where));
      marker.bindPopup(popupContent(p, entryOf[feature.id]), { maxWidth: 320 });
      marker.on("popupopen", function () { marker.closeTooltip(); });
      entries.push({ marker: marker, start: p.precision === "recurring" || !p.start ? null : Date.parse(p.start) });
      group.addLayer(marker);
    });
    var total = collection.features.length;
    var text = total === 0 ? "No events match these filters." : total + (total === 1 ? " event" : " events");
    if (unlocated) {
      text += " (" + unlocated + " without a location, not on the map)";
    }
    setStatus(text);
    if (total) {
      addLegend(map, counts, options);
    }
    if (entries.length) {
      var bounds = L.latLngBounds(entries.map(function (entry) { return entry.marker.getLatLng(); }));
      map.fitBounds(bounds.pad(0.3), { maxZoom: options.max_zoom });
    }
    addSlider(map, group, entries);
    return entries.length > 0;
  }

  function fetchJSON(url, type) {
    return fetch(url, { headers: { Accept: type } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error(body.error || response.statusText);
        }
        return body;
      });
    });
  }

  window.EventAtlas = {
    show: function (map, options) {
      if (map.getMaxZoom() === Infinity) {
        map.setMaxZoom(options.deepest_zoom);  // the marker groups need a deepest zoom to open at
      }
      map.attributionControl.addAttribution(options.attribution);
      if (options.basemap) {
        addBasemap(map, options.basemap).catch(function () {
          setStatus("Country outlines are missing: run `make assets`.");
        });
      }
      var places = options.places ? addPlaces(map, options.places) : Promise.resolve(null);
      // The timeline only adds "reported by N sources": the events show without it.
      var timeline = fetchJSON(options.timeline, "application/json").catch(function () { return null; });
      Promise.all([fetchJSON(options.geojson, "application/geo+json"), timeline])
        .then(function (both) {
          if (!showEvents(map, both[0], both[1], options)) {
            // no event to frame: show the region rather than the whole world
            places.then(function (layer) { if (layer) { map.fitBounds(layer.getBounds()); } });
          }
        })
        .catch(function (error) { setStatus("Could not load events: " + (error.message || error)); });
    }
  };
})();
