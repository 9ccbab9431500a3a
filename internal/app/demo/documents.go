package demo

import (
	"slices"

	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
)

// everyVisit are the documents every demo service requires: the contract, the
// general and personal-data consents, and the questionnaire summary.
var everyVisit = []string{doctemplate.Contract, doctemplate.ConsentGeneral,
	doctemplate.ConsentPersonalData, doctemplate.QuestionnaireSummary}

// procedureConsents are the consents a demo service needs beyond everyVisit, by code.
var procedureConsents = map[string][]string{
	"filling":         {doctemplate.ConsentAnaesthesia},
	"extraction":      {doctemplate.ConsentExtraction, doctemplate.ConsentAnaesthesia},
	"wisdom-tooth":    {doctemplate.ConsentExtraction, doctemplate.ConsentAnaesthesia},
	"root-canal":      {doctemplate.ConsentRootCanal, doctemplate.ConsentAnaesthesia},
	"implant-consult": {doctemplate.ConsentImplant, doctemplate.TreatmentPlan},
	"whitening":       {doctemplate.ConsentWhitening},
}

// requiredDocuments lists the document kinds the demo service code requires.
func requiredDocuments(code string) []string {
	return slices.Concat(everyVisit, procedureConsents[code])
}
