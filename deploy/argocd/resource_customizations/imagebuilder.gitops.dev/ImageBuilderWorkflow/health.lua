-- Argo CD health for imagebuilder.gitops.dev/ImageBuilderWorkflow (Lua 5.1, `obj` is the resource).
-- Healthy:     Ready=True for the current generation.
-- Degraded:    Stalled=True for the current generation (needs a human; the reason says why).
-- Progressing: anything else, including no status yet and a status from an older generation.
-- Under spec.managementPolicy Plan, Ready says whether applying would succeed: PlanReady is Healthy,
-- PlanFailed Degraded (even without Stalled), so a pull-request preview shows what merging would do.
-- A condition is current when its observedGeneration (or, if it has none, status.observedGeneration)
-- equals metadata.generation.
local hs = { status = "Progressing", message = "Waiting for the operator to report status" }

local function find(conditions, wanted)
  for _, c in ipairs(conditions) do
    if c.type == wanted then
      return c
    end
  end
  return nil
end

local function describe(c)
  local text = c.reason or c.type
  if c.message ~= nil and c.message ~= "" then
    text = text .. ": " .. c.message
  end
  return text
end

if obj.status == nil or obj.status.conditions == nil then
  return hs
end

local generation = obj.metadata.generation
local function current(c)
  local seen = c.observedGeneration
  if seen == nil then
    seen = obj.status.observedGeneration
  end
  return generation == nil or (seen ~= nil and seen == generation)
end

local ready = find(obj.status.conditions, "Ready")
local stalled = find(obj.status.conditions, "Stalled")

-- A current Stalled=True wins even over a Ready left from an older generation.
if stalled ~= nil and stalled.status == "True" and current(stalled) then
  hs.status = "Degraded"
  hs.message = describe(stalled)
  return hs
end
if ready ~= nil and not current(ready) then
  hs.message = "Status is from generation " .. tostring(ready.observedGeneration or obj.status.observedGeneration)
    .. ", the spec is at generation " .. tostring(generation)
  return hs
end
if ready ~= nil and ready.status == "False" and ready.reason == "PlanFailed" then
  hs.status = "Degraded"
  hs.message = describe(ready)
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready)
  return hs
end
if ready ~= nil then
  hs.message = describe(ready)
end
return hs
