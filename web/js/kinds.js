// Event kinds: label, colour and pictogram (24x24 SVG paths, drawn white on the kind's colour).
'use strict';

const TOCSIN_KINDS = (() => {
  const P = {
    burst: 'M12 2l2.1 5.2 5.4-2.1-2.1 5.4L22 12l-4.6 1.5 2.1 5.4-5.4-2.1L12 22l-2.1-5.2-5.4 2.1 2.1-5.4L2 12l4.6-1.5-2.1-5.4 5.4 2.1z',
    shell: 'M5 19l9.5-9.5M14 6.5l3.5 3.5M16.5 4l3.5 3.5-3 3-3.5-3.5zM4 20l2-1',
    plane: 'M21 15.5v-2l-8-5V3.5a1.5 1.5 0 0 0-3 0V8.5l-8 5v2l8-2.5V18l-2 1.5V21l3.5-1 3.5 1v-1.5L13 18v-5z',
    drone: 'M6 6l12 12M18 6L6 18M4 4.5a2 2 0 1 0 4 0 2 2 0 1 0-4 0M16 4.5a2 2 0 1 0 4 0 2 2 0 1 0-4 0M4 19.5a2 2 0 1 0 4 0 2 2 0 1 0-4 0M16 19.5a2 2 0 1 0 4 0 2 2 0 1 0-4 0',
    swords: 'M4 4l9 9M20 4l-9 9M4 4v3M4 4h3M20 4v3M20 4h-3M8 15l-3 3M16 15l3 3M6 20l2-2M18 20l-2-2',
    arrow: 'M4 12h13M12 6l6 6-6 6',
    person: 'M12 3a3 3 0 1 0 0 6 3 3 0 1 0 0-6zM6 21v-4a6 6 0 0 1 12 0v4',
    flag: 'M6 21V3M6 4h11l-2.5 4L17 12H6',
    chat: 'M4 5h16v10H9l-5 4z',
    hand: 'M5 12l4 4 10-10',
    truck: 'M3 7h11v8H3zM14 10h4l3 3v2h-7zM6.5 17.5a1.5 1.5 0 1 0 0 .1M17.5 17.5a1.5 1.5 0 1 0 0 .1',
    megaphone: 'M3 10v4h3l8 4V6L6 10zM17 9a4 4 0 0 1 0 6',
    warning: 'M12 3L2 20h20zM12 9v5M12 17v.5',
    pin: 'M12 21s-6-6.2-6-11a6 6 0 0 1 12 0c0 4.8-6 11-6 11zM12 8a2 2 0 1 0 0 4 2 2 0 1 0 0-4',
    scale: 'M12 3v18M5 7h14M5 7l-3 7h6zM19 7l-3 7h6zM8 21h8',
    box: 'M3 8l9-5 9 5v8l-9 5-9-5zM3 8l9 5 9-5M12 13v8',
    ban: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18zM5.6 5.6l12.8 12.8',
    flask: 'M9 3h6M10 3v6l-5 9a2 2 0 0 0 2 3h10a2 2 0 0 0 2-3l-5-9V3M7.5 15h9',
    grenade: 'M12 8a6 6 0 1 0 0.1 0zM10 8V5h4v3M14 5l3-2',
    lock: 'M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4',
    fire: 'M12 22c4 0 7-3 7-7 0-4-3-6-4-10-2 2-3 4-3 6-1-1-2-2-2-4-3 3-5 5-5 8 0 4 3 7 7 7z',
    home: 'M3 11l9-8 9 8M5 10v10h14V10',
    doc: 'M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h7',
    wave: 'M2 12c3-4 5-4 8 0s5 4 8 0 3-3 4-2M2 18c3-4 5-4 8 0s5 4 8 0',
    eye: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 9a3 3 0 1 0 0 6 3 3 0 1 0 0-6z',
  };
  const K = {
    shelling:             ['Shelling', '#e5484d', P.burst, 'fill'],
    air_strike:           ['Air strike', '#d6409f', P.plane, 'fill'],
    drone_strike:         ['Drone strike', '#ab4aba', P.drone, 'stroke'],
    armed_clash:          ['Armed clash', '#f76808', P.swords, 'stroke'],
    ground_advance:       ['Ground advance', '#e54d2e', P.arrow, 'stroke'],
    attack_on_civilians:  ['Attack on civilians', '#b42318', P.person, 'stroke'],
    explosion:            ['Explosion', '#ffb224', P.burst, 'fill'],
    ceasefire:            ['Ceasefire', '#30a46c', P.flag, 'stroke'],
    request_assistance:   ['Request for assistance', '#3e63dd', P.chat, 'stroke'],
    call_deescalation:    ['Call for de-escalation', '#12a594', P.hand, 'stroke'],
    support_statement:    ['Statement of support', '#0091ff', P.hand, 'stroke'],
    accusation:           ['Accusation', '#8e4ec6', P.warning, 'stroke'],
    territorial_claim:    ['Territorial claim', '#ad7f58', P.pin, 'stroke'],
    meeting:              ['Meeting', '#5b8def', P.chat, 'stroke'],
    mediation:            ['Mediation', '#0d9488', P.scale, 'stroke'],
    military_deployment:  ['Military deployment', '#d9a400', P.truck, 'stroke'],
    sanction:             ['Sanction', '#6e56cf', P.ban, 'stroke'],
    aid:                  ['Aid', '#46a758', P.box, 'stroke'],
    threat:               ['Threat', '#c2410c', P.warning, 'stroke'],
    protest:              ['Protest', '#7c66dc', P.megaphone, 'stroke'],
    // The rest of the ACLED taxonomy (colours by ACLED event type: battles orange, remote
    // violence red, violence against civilians dark red, protests violet, riots amber,
    // strategic developments brown/teal).
    government_regains_territory: ['Government regains territory', '#f76808', P.flag, 'stroke'],
    nsa_overtakes_territory: ['Non-state actor overtakes territory', '#f76808', P.arrow, 'stroke'],
    nonviolent_transfer:  ['Non-violent transfer of territory', '#ad7f58', P.flag, 'stroke'],
    chemical_weapon:      ['Chemical weapon', '#e5484d', P.flask, 'stroke'],
    suicide_bomb:         ['Suicide bomb', '#ca3214', P.burst, 'fill'],
    grenade:              ['Grenade', '#e5484d', P.grenade, 'stroke'],
    sexual_violence:      ['Sexual violence', '#b42318', P.person, 'stroke'],
    abduction:            ['Abduction', '#b42318', P.lock, 'stroke'],
    protest_with_intervention: ['Protest with intervention', '#6e56cf', P.megaphone, 'stroke'],
    excessive_force:      ['Excessive force against protesters', '#5b3fb5', P.megaphone, 'stroke'],
    riot:                 ['Riot', '#d9a400', P.fire, 'fill'],
    mob_violence:         ['Mob violence', '#b58900', P.fire, 'fill'],
    agreement:            ['Agreement', '#30a46c', P.doc, 'stroke'],
    arrest:               ['Arrests', '#8d6e4e', P.lock, 'stroke'],
    change_to_group:      ['Change to group/activity', '#8d6e4e', P.truck, 'stroke'],
    disrupted_weapons_use: ['Disrupted weapons use', '#8d6e4e', P.ban, 'stroke'],
    base_established:     ['Headquarters or base established', '#8d6e4e', P.home, 'stroke'],
    looting:              ['Looting/property destruction', '#a35829', P.box, 'stroke'],
    other_development:    ['Other strategic development', '#8d6e4e', P.pin, 'stroke'],
    claim_responsibility: ['Claim of responsibility', '#8e4ec6', P.chat, 'stroke'],
    reduce_relations:     ['Reduced relations', '#6e56cf', P.ban, 'stroke'],
    natural_disaster:     ['Natural disaster', '#607d8b', P.wave, 'stroke'],
    man_made_disaster:    ['Man-made disaster', '#607d8b', P.fire, 'fill'],
    organized_crime:      ['Organised crime', '#5f6b7a', P.person, 'stroke'],
    // General political interaction (CAMEO 01-17), low salience.
    statement:            ['Statement', '#7b8794', P.chat, 'stroke'],
    appeal:               ['Appeal', '#5b8def', P.chat, 'stroke'],
    intent_cooperate:     ['Intent to cooperate', '#0091ff', P.hand, 'stroke'],
    diplomatic_cooperation: ['Diplomatic cooperation', '#0091ff', P.hand, 'stroke'],
    material_cooperation: ['Material cooperation', '#46a758', P.box, 'stroke'],
    yield:                ['Yield', '#12a594', P.flag, 'stroke'],
    investigate:          ['Investigation', '#5f6b7a', P.eye, 'stroke'],
    demand:               ['Demand', '#c2410c', P.megaphone, 'stroke'],
    disapprove:           ['Disapproval', '#8e4ec6', P.warning, 'stroke'],
    reject:               ['Rejection', '#8e4ec6', P.ban, 'stroke'],
    threaten:             ['Threat', '#c2410c', P.warning, 'stroke'],
    force_posture:        ['Show of force', '#d9a400', P.truck, 'stroke'],
    reduce_cooperation:   ['Reduced cooperation', '#6e56cf', P.ban, 'stroke'],
    coerce:               ['Coercion', '#a35829', P.lock, 'stroke'],
  };
  const fallback = ['Event', '#8b8d98', P.pin, 'stroke'];
  function info(kind) {
    const k = K[kind] || fallback;
    return { kind, label: k[0], color: k[1], path: k[2], mode: k[3] };
  }
  function glyph(kind, size) {
    const k = info(kind);
    const paint = k.mode === 'fill'
      ? `fill="#fff" stroke="none"`
      : `fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"`;
    return `<svg viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true"><path d="${k.path}" ${paint}/></svg>`;
  }
  // A round badge with the kind's pictogram.
  function badge(kind, size) {
    const k = info(kind);
    return `<span class="kind-badge" style="background:${k.color};width:${size}px;height:${size}px">${glyph(kind, Math.round(size * 0.62))}</span>`;
  }
  return { info, glyph, badge, all: Object.keys(K) };
})();
