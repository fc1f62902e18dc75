package assets

import (
	"context"
	"fmt"

	"pacta/model"
)

func pf(v float64) *float64 { return &v }

// sampleAssets is a small, realistic registry: Palermo squares, a loggia, parks, a school
// room, a digital platform with its licence, a river, a forest, and a waterway in a
// Kichwa comuna of a partner municipality (to show the territory field).
func sampleAssets() []model.Asset {
	return []model.Asset{
		{Kind: "square", Name: "Piazza Fonderia", Address: "Piazza Fonderia", District: "Tribunali-Castellammare", Municipality: "Palermo", Region: "Sicilia",
			Lat: pf(38.11930862), Lon: pf(13.36625203), Owner: "Comune di Palermo", Ownership: "municipal", Protection: "protected", Designated: true,
			Availability: "available", Heritage: "Centro storico UNESCO: parere della Soprintendenza per arredi e interventi",
			Description: "Piazza pedonale vicino al porto della Cala, con spazio per arredi e iniziative di quartiere.", Tags: "piazza, centro storico"},
		{Kind: "square", Name: "Piazza Magione", Address: "Piazza Magione", District: "Tribunali-Castellammare", Municipality: "Palermo", Region: "Sicilia",
			Lat: pf(38.11502), Lon: pf(13.36985), Owner: "Comune di Palermo", Ownership: "municipal", Protection: "none", Designated: true,
			Availability: "available", Description: "Grande spazio verde e aperto alla Kalsa, usato per sport e feste di quartiere.", Tags: "piazza, verde, sport"},
		{Kind: "square", Name: "Area di Ballarò", Address: "Piazza del Carmine", District: "Palazzo Reale - Monte di Pietà", Municipality: "Palermo", Region: "Sicilia",
			Lat: pf(38.11252695), Lon: pf(13.35856559), Owner: "Comune di Palermo", Ownership: "municipal", Protection: "protected", Designated: true,
			Availability: "available", Description: "Strade e slarghi del mercato storico di Ballarò.", Tags: "mercato, centro storico"},
		{Kind: "street", Name: "Loggiato di San Bartolomeo", Address: "Via Vittorio Emanuele 25", District: "Tribunali-Castellammare", Municipality: "Palermo", Region: "Sicilia",
			Lat: pf(38.11842), Lon: pf(13.37219), Owner: "Comune di Palermo", Ownership: "municipal", Protection: "inalienable", Designated: true,
			Availability: "available", Heritage: "Vincolo monumentale (D.Lgs. 42/2004)", Description: "Portico del XVI secolo sul Foro Italico.", Tags: "portico, monumento"},
		{Kind: "green_area", Name: "Villa Trabia", Address: "Via Antonio Salinas 3", District: "Libertà", Municipality: "Palermo", Region: "Sicilia",
			Lat: pf(38.13541), Lon: pf(13.34972), Owner: "Comune di Palermo", Ownership: "municipal", Protection: "protected", Designated: true,
			Availability: "available", Description: "Parco storico con viali, giardini e spazi per attività all'aperto.", Tags: "parco, giardino"},
		{Kind: "green_area", Name: "Orto sociale di Borgo Nuovo", Address: "Largo Pozzillo", District: "Borgo Nuovo", Municipality: "Palermo", Region: "Sicilia",
			Lat: pf(38.11721), Lon: pf(13.31478), Owner: "Comune di Palermo", Ownership: "municipal", Protection: "none", Designated: true, Reserved: true,
			Availability: "available", Community: "Residenti di Borgo Nuovo", Description: "Terreno comunale recintato, adatto a orti condivisi.", Tags: "orto, periferia"},
		{Kind: "building", Name: "Aula polivalente della scuola di via Sampolo", Address: "Via Sampolo 191", District: "Libertà", Municipality: "Palermo", Region: "Sicilia",
			Lat: pf(38.13953197), Lon: pf(13.35224276), Owner: "Comune di Palermo", Ownership: "municipal", Protection: "none", Designated: true, Reserved: true,
			Availability: "available", ControlRights: "Uso pomeridiano e serale concordato con il consiglio d'istituto",
			Description: "Locale al piano terra con ingresso indipendente, 60 posti.", Tags: "scuola, sala"},
		{Kind: "digital", Name: "Piattaforma Palermo Partecipa", Address: "", District: "", Municipality: "Palermo", Region: "Sicilia",
			Owner: "Comune di Palermo", Ownership: "municipal", Protection: "none", Designated: true, Availability: "available",
			Licence: "AGPL-3.0-or-later", ControlRights: "Le regole di moderazione si votano in assemblea online", Community: "Utenti registrati della piattaforma",
			Description: "Piattaforma di partecipazione (software libero) per proposte e consultazioni.", Tags: "digitale, partecipazione"},
		{Kind: "waterway", Name: "Fiume Oreto (tratto urbano)", Address: "Ponte delle Teste Mozze", District: "Oreto - Stazione", Municipality: "Palermo", Region: "Sicilia",
			Lat: pf(38.10412), Lon: pf(13.35618), Owner: "Regione Siciliana", Ownership: "public_other", Protection: "protected", Designated: true,
			Availability: "available", Description: "Sponde e percorso lungo il fiume, da curare e rendere accessibili.", Tags: "fiume, natura"},
		{Kind: "forest", Name: "Bosco della Favorita", Address: "Viale del Fante", District: "Resuttana - San Lorenzo", Municipality: "Palermo", Region: "Sicilia",
			Lat: pf(38.16389), Lon: pf(13.34833), Owner: "Regione Siciliana", Ownership: "public_other", Protection: "inalienable", Designated: true,
			Availability: "available", Heritage: "Riserva naturale orientata Monte Pellegrino", Description: "Bosco e parco storico ai piedi di Monte Pellegrino.", Tags: "bosco, riserva"},
		{Kind: "knowledge", Name: "Archivio delle memorie della Zisa", Address: "Piazza Zisa", District: "Zisa", Municipality: "Palermo", Region: "Sicilia",
			Lat: pf(38.11637), Lon: pf(13.34213), Owner: "Comune di Palermo", Ownership: "municipal", Protection: "none", Designated: true,
			Availability: "available", Description: "Raccolta di storie orali e fotografie del quartiere.", Tags: "memoria, archivio"},
		{Kind: "building", Name: "Ex deposito di via Roma", Address: "Via Roma 412", District: "Politeama", Municipality: "Palermo", Region: "Sicilia",
			Lat: pf(38.12605), Lon: pf(13.35832), Owner: "Comune di Palermo", Ownership: "municipal", Protection: "none", Designated: false,
			Availability: "unavailable", Description: "Capannone in attesa di messa in sicurezza.", Tags: "edificio, lavori"},
		{Kind: "waterway", Name: "Río Misahuallí (tramo comunitario)", Address: "Puerto Misahuallí", District: "", Municipality: "Tena", Region: "Napo",
			Territory: "Comuna kichwa (territorio comunitario)", Lat: pf(-1.03498), Lon: pf(-77.66612), Owner: "Estado ecuatoriano", Ownership: "collective",
			Protection: "protected", Designated: true, Availability: "available", Community: "Comuna kichwa ribereña",
			ControlRights: "La asamblea de la comuna decide los usos del agua y de las orillas", Description: "Tramo de río cuidado por la comuna; ejemplo de bien común en territorio indígena.",
			Tags: "río, territorio indígena"},
	}
}

// LoadSample fills an empty registry with the sample commons, refs ASSET-0001 onwards.
func LoadSample(ctx context.Context, st *model.Store) error {
	as := sampleAssets()
	return st.Update(ctx, func(tx *model.Tx) error {
		for i := range as {
			a := &as[i]
			Normalize(a)
			if err := Validate(a); err != nil {
				return fmt.Errorf("sample asset %s: %w", a.Name, err)
			}
			a.Ref = formatRef(i + 1)
			if err := tx.Put(a); err != nil {
				return err
			}
		}
		return nil
	})
}
