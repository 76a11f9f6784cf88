{{/* The chart's name, or nameOverride. */}}
{{- define "ibw.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Object names: the release name when it contains the chart's name, else release-chart. */}}
{{- define "ibw.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "ibw.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ibw.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "ibw.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "ibw.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: imagebuilder-workflow-operator
{{- end }}

{{- define "ibw.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ibw.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name: must name an existing ServiceAccount when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "ibw.leaseName" -}}
{{- default (include "ibw.fullname" .) .Values.leaderElection.leaseName }}
{{- end }}

{{/* The operator's permissions on the resources it watches (one rule per need, no wildcards). */}}
{{- define "ibw.watchRules" -}}
# Watch the resources; add and remove the finalizer (JOSDK patches metadata, never updates).
- apiGroups: ["imagebuilder.gitops.dev"]
  resources: ["imagebuilderworkflows"]
  verbs: ["get", "list", "watch", "patch"]
# Write status (ARNs, conditions, history): the whole status, with optimistic locking.
- apiGroups: ["imagebuilder.gitops.dev"]
  resources: ["imagebuilderworkflows/status"]
  verbs: ["update"]
# Workflow documents referenced by spec.dataFrom.configMapKeyRef: read only.
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch"]
# core/v1 Events on the resources at each Ready transition (created, conflict, deleted...);
# patch raises the count of a repeated event.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end }}
