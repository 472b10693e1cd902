// Event kinds: label, family and pictogram (24x24 SVG paths, drawn white on the family's colour).
// Families (one colour each): violence (ACLED battles, explosions/remote violence, violence
// against civilians, and any violent kind), protest (ACLED protests and riots), strategic (ACLED
// strategic developments, deployments, disasters, crime) and diplomatic (verbal and diplomatic
// interaction, no ACLED type). tests/web_kinds_test.cc keeps this file in step with
// data/codes/kinds.tsv.
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
    shelling:             ['Shelling', 'violence', P.burst, 'fill'],
    air_strike:           ['Air strike', 'violence', P.plane, 'fill'],
    drone_strike:         ['Drone strike', 'violence', P.drone, 'stroke'],
    armed_clash:          ['Armed clash', 'violence', P.swords, 'stroke'],
    ground_advance:       ['Ground advance', 'violence', P.arrow, 'stroke'],
    attack_on_civilians:  ['Attack on civilians', 'violence', P.person, 'stroke'],
    explosion:            ['Explosion', 'violence', P.burst, 'fill'],
    ceasefire:            ['Ceasefire', 'strategic', P.flag, 'stroke'],
    request_assistance:   ['Request for assistance', 'diplomatic', P.chat, 'stroke'],
    call_deescalation:    ['Call for de-escalation', 'diplomatic', P.hand, 'stroke'],
    support_statement:    ['Statement of support', 'diplomatic', P.hand, 'stroke'],
    accusation:           ['Accusation', 'diplomatic', P.warning, 'stroke'],
    territorial_claim:    ['Territorial claim', 'diplomatic', P.pin, 'stroke'],
    meeting:              ['Meeting', 'diplomatic', P.chat, 'stroke'],
    mediation:            ['Mediation', 'diplomatic', P.scale, 'stroke'],
    military_deployment:  ['Military deployment', 'strategic', P.truck, 'stroke'],
    sanction:             ['Sanction', 'diplomatic', P.ban, 'stroke'],
    aid:                  ['Aid', 'diplomatic', P.box, 'stroke'],
    threat:               ['Threat', 'diplomatic', P.warning, 'stroke'],
    protest:              ['Protest', 'protest', P.megaphone, 'stroke'],
    // The rest of the ACLED taxonomy.
    government_regains_territory: ['Government regains territory', 'violence', P.flag, 'stroke'],
    nsa_overtakes_territory: ['Non-state actor overtakes territory', 'violence', P.arrow, 'stroke'],
    nonviolent_transfer:  ['Non-violent transfer of territory', 'strategic', P.flag, 'stroke'],
    chemical_weapon:      ['Chemical weapon', 'violence', P.flask, 'stroke'],
    suicide_bomb:         ['Suicide bomb', 'violence', P.burst, 'fill'],
    grenade:              ['Grenade', 'violence', P.grenade, 'stroke'],
    sexual_violence:      ['Sexual violence', 'violence', P.person, 'stroke'],
    abduction:            ['Abduction', 'violence', P.lock, 'stroke'],
    protest_with_intervention: ['Protest with intervention', 'protest', P.megaphone, 'stroke'],
    excessive_force:      ['Excessive force against protesters', 'protest', P.megaphone, 'stroke'],
    riot:                 ['Riot', 'protest', P.fire, 'fill'],
    mob_violence:         ['Mob violence', 'protest', P.fire, 'fill'],
    agreement:            ['Agreement', 'strategic', P.doc, 'stroke'],
    arrest:               ['Arrests', 'strategic', P.lock, 'stroke'],
    change_to_group:      ['Change to group/activity', 'strategic', P.truck, 'stroke'],
    disrupted_weapons_use: ['Disrupted weapons use', 'strategic', P.ban, 'stroke'],
    base_established:     ['Headquarters or base established', 'strategic', P.home, 'stroke'],
    looting:              ['Looting/property destruction', 'strategic', P.box, 'stroke'],
    other_development:    ['Other strategic development', 'strategic', P.pin, 'stroke'],
    claim_responsibility: ['Claim of responsibility', 'diplomatic', P.chat, 'stroke'],
    reduce_relations:     ['Reduced relations', 'diplomatic', P.ban, 'stroke'],
    natural_disaster:     ['Natural disaster', 'strategic', P.wave, 'stroke'],
    man_made_disaster:    ['Man-made disaster', 'strategic', P.fire, 'fill'],
    organized_crime:      ['Organised crime', 'strategic', P.person, 'stroke'],
    // General political interaction (CAMEO 01-17), low salience.
    statement:            ['Statement', 'diplomatic', P.chat, 'stroke'],
    appeal:               ['Appeal', 'diplomatic', P.chat, 'stroke'],
    intent_cooperate:     ['Intent to cooperate', 'diplomatic', P.hand, 'stroke'],
    diplomatic_cooperation: ['Diplomatic cooperation', 'diplomatic', P.hand, 'stroke'],
    material_cooperation: ['Material cooperation', 'diplomatic', P.box, 'stroke'],
    yield:                ['Yield', 'diplomatic', P.flag, 'stroke'],
    investigate:          ['Investigation', 'diplomatic', P.eye, 'stroke'],
    demand:               ['Demand', 'diplomatic', P.megaphone, 'stroke'],
    disapprove:           ['Disapproval', 'diplomatic', P.warning, 'stroke'],
    reject:               ['Rejection', 'diplomatic', P.ban, 'stroke'],
    threaten:             ['Threat', 'diplomatic', P.warning, 'stroke'],
    force_posture:        ['Show of force', 'strategic', P.truck, 'stroke'],
    reduce_cooperation:   ['Reduced cooperation', 'diplomatic', P.ban, 'stroke'],
    coerce:               ['Coercion', 'diplomatic', P.lock, 'stroke'],
  };
  const FAMILIES = {
    violence:   { label: 'Violence', color: '#e5484d' },
    protest:    { label: 'Protest and riot', color: '#a06bf0' },
    strategic:  { label: 'Strategic development', color: '#e0a100' },
    diplomatic: { label: 'Diplomatic and verbal', color: '#3e8ef7' },
    other:      { label: 'Other', color: '#8b8d98' },
  };
  const fallback = ['Event', 'other', P.pin, 'stroke'];
  function info(kind) {
    const k = K[kind] || fallback;
    const fam = FAMILIES[k[1]] || FAMILIES.other;
    return { kind, label: k[0], family: k[1], familyLabel: fam.label, color: fam.color, path: k[2], mode: k[3] };
  }
  // The kinds of a family, in table order.
  function kindsOf(family) { return Object.keys(K).filter((k) => K[k][1] === family); }
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
  return { info, glyph, badge, kindsOf, all: Object.keys(K), families: FAMILIES,
    familyOrder: ['violence', 'protest', 'strategic', 'diplomatic'] };
})();
